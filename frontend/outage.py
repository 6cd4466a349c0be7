"""While the database does not answer, people get a 503 page that says so, not a 500.

Django turns any exception (from a view, or from a middleware reading the session or
the signed-in person) into a response through the 500 handler, with the exception
still being handled. `server_error` (config/urls.py's handler500) looks at it: a
database that cannot be reached (django.db.OperationalError or InterfaceError:
connection refused or lost, a statement cancelled at shutdown) answers 503 with
Retry-After (settings.OUTAGE_RETRY_AFTER, seconds); anything else is still a 500.

The 503 page is rendered without the request, so no context processor runs and
nothing reads the session or the database (RFC 9110 §15.6.4: 503 with Retry-After
for a temporary overload or outage). With DEBUG on, Django shows its own debug page
instead and this handler is not called.
"""

import logging
import sys
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("trellis.outage")

# When the last 503 was logged with its traceback; later ones within a minute get one
# line each, so an outage is logged once in full rather than once per request.
_last_full_log = 0.0
FULL_LOG_EVERY_SECONDS = 60


def is_outage(exc):
    """True when `exc` means the database cannot be reached (or dropped the connection)."""
    return isinstance(exc, OperationalError | InterfaceError)


def unavailable_response():
    """The 503 page: NHS.UK layout, no session, no database; Retry-After set."""
    html = loader.render_to_string("503.html", {"organisation_name": settings.ORGANISATION_NAME})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def _log(request, exc):
    global _last_full_log
    now = time.monotonic()
    full = now - _last_full_log >= FULL_LOG_EVERY_SECONDS
    if full:
        _last_full_log = now
    logger.error(
        "Database unavailable: 503 for %s %s (%s: %s)",
        request.method,
        request.path,
        type(exc).__name__,
        str(exc).strip().splitlines()[0] if str(exc).strip() else "",
        exc_info=exc if full else None,
    )


@requires_csrf_token
def server_error(request):
    """handler500: 503 for a database outage, else the plain 500 page.

    Called by Django while it handles the exception, so sys.exception() is the error.
    """
    exc = sys.exception()
    if exc is not None and is_outage(exc):
        if not getattr(request, "_outage_logged", False):  # a middleware may fail again
            _log(request, exc)
            request._outage_logged = True
        response = unavailable_response()
        response._has_been_logged = True  # logged above: Django would log it again
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
