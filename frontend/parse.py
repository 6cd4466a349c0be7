"""Whole numbers read straight from a request (a query parameter, a hidden field).

`str.isdigit()` is true for "²" and for a 5,000-digit number, and `int()` then fails
on both, so every such value is read here instead: plain ASCII digits, at most 18 of
them (inside a 64-bit database id).
"""

MAX_DIGITS = 18


def whole_number(value, default=None):
    """`value` (str, or None) as a non-negative int; `default` for anything else.

    >>> whole_number("12"), whole_number("²"), whole_number("1" * 19), whole_number(None)
    (12, None, None, None)
    """
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)
    return default
