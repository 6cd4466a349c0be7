"""A form sent in any encoding but UTF-8 is refused with 400 before anything reads it.

Django refuses such a body (BadRequest) whenever `request.POST` is read, and its
error views read `request.POST` again for the CSRF token, so the refusal itself
failed and the answer was the server's bare 500. Trellis's pages are served as UTF-8
and their forms send UTF-8 (HTML's rule: a form submits in the page's encoding), so
only a hand-made request meets this.
"""

import codecs

from django.http import HttpResponseBadRequest
from django.template import loader

FORMS = {"application/x-www-form-urlencoded", "multipart/form-data"}
UTF_8 = {"utf-8", "ascii"}  # codecs' names; ASCII is a subset of UTF-8


def declared_encoding(request):
    """The codec a form body declares (`charset=`), or None when it declares none or
    one Python does not know (Django then reads the body as UTF-8)."""
    charset = request.content_params.get("charset")
    try:
        return codecs.lookup(charset).name if charset else None
    except LookupError:
        return None


class FormEncodingMiddleware:
    """Answers 400 to a form body declared in another encoding (see the module). Last
    in MIDDLEWARE, so the answer still passes through every other middleware's headers
    (no-store, CSP, frame options); it runs before any view-stage hook reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        encoding = declared_encoding(request) if request.content_type in FORMS else None
        if encoding is not None and encoding not in UTF_8:
            return HttpResponseBadRequest(loader.render_to_string("400.html"))
        return self.get_response(request)
