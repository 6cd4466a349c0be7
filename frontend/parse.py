"""Values read straight from a request (a query parameter, a hidden field), not
through a form (docs/adr/0019-request-fuzzer.md).

Everything else a request carries is read by a form field. A view that reads a value
itself reads it here, so that no odd value ("²", a 5,000-digit number, "abc" where a
path was expected) can end in a server error.
"""

from django.utils.http import url_has_allowed_host_and_scheme

MAX_DIGITS = 18


def whole_number(value, default=None):
    """`value` (str, or None) as a non-negative int; `default` for anything else.

    `str.isdigit()` is true for "²" and for a 5,000-digit number, and `int()` then
    fails on both: here only plain ASCII digits count, at most 18 of them (inside a
    64-bit database id).

    >>> whole_number("12"), whole_number("²"), whole_number("1" * 19), whole_number(None)
    (12, None, None, None)
    """
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)
    return default


def next_path(request, fallback, name="next"):
    """The page to go back to, posted as `name`: a path on this site that Django's
    safe-URL check accepts, else `fallback`.

    Only a path: `redirect("abc")` would look "abc" up as a view name and fail, and
    an address on another site is never followed.
    """
    target = str(request.POST.get(name) or "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


class WholeNumberConverter:
    """`<num:name>` in a URL: a number as `<int:name>` reads it, at most MAX_DIGITS
    digits. A longer one matches no URL, so the answer is "page not found" rather
    than an error from a database that cannot hold it (registered in config/urls.py;
    every number in a Trellis URL uses it)."""

    regex = f"[0-9]{{1,{MAX_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
