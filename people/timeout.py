"""The warning before an idle session ends, and why the sign-in page was shown (WCAG 2.2.1).

A signed-in page carries how long its session has left (`context`); static/js/timeout-warning.js
opens a dialog SESSION_WARNING_SECONDS before the end, whose "Stay signed in" posts to `extend`
and whose time running out posts the sign-out form with reason=idle (`SignOutView`). Without
JavaScript activity keeps the session alive as before, and a page asked for with a session that
has ended sends the person to sign in with the same reason (`LoginRequiredMiddleware`).
"""

import time

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject, empty
from django.views.decorators.http import require_POST

from .middleware import REFRESH_EVERY_SECONDS, REFRESHED_KEY
from .sso import session as sso_session

# Set in the anonymous session that follows an idle sign-out; the sign-in page reads it once.
IDLE_KEY = "_trellis_signed_out_idle"


def idle_words():
    """SESSION_COOKIE_AGE in words: "60 minutes", "1 minute"."""
    minutes = max(1, round(settings.SESSION_COOKIE_AGE / 60))
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def seconds_left(session, now=None):
    """Seconds until this signed-in session ends if nothing else is asked of the server.

    IdleSessionMiddleware renews the expiry when a minute has passed since it last did, so a
    request rendering a page either renews it now (the whole SESSION_COOKIE_AGE is left) or
    left it at its last renewal.
    """
    now = int(time.time()) if now is None else now
    refreshed = session.get(REFRESHED_KEY, 0)
    if now - refreshed >= REFRESH_EVERY_SECONDS:
        return settings.SESSION_COOKIE_AGE
    return max(0, refreshed + settings.SESSION_COOKIE_AGE - now)


def context(request):
    """Template context: the timeout dialog's times, for signed-in pages only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "session_timeout": {
            "left": seconds_left(request.session),
            "idle": settings.SESSION_COOKIE_AGE,
            "warning": settings.SESSION_WARNING_SECONDS,
            "renewed_at_least": settings.SESSION_COOKIE_AGE - REFRESH_EVERY_SECONDS,
            "idle_words": idle_words(),
        }
    }


@login_not_required  # a signed-out request gets 401, not a redirect to the sign-in page
@require_POST  # CSRF-protected as every POST (CsrfViewMiddleware)
def extend(request):
    """ "Stay signed in": renew the session's idle clock now. 204, or 401 when signed out."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    # A new value marks the session modified: it is saved with a fresh expiry, even when
    # IdleSessionMiddleware renewed it less than a minute ago.
    request.session[REFRESHED_KEY] = int(time.time())
    return HttpResponse(status=204)


def note_signed_out_idle(request):
    """Remember, in the new anonymous session, that the sign-in page should say why."""
    request.session[IDLE_KEY] = True


def session_ended(request):
    """True when the request carried a session cookie whose session has ended.

    The session store forgets the key of a session it cannot find or that has expired; a
    session flushed by this request (a password changed elsewhere) is marked modified.
    """
    session = request.session
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        and session.session_key is None
        and not session.modified
    )


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's, noting that the session ended while idle when the request's session had.

    Once it has read the person to let a page through, the page gets the person itself
    as `request.user`, not Django's lazy stand-in for them: through the stand-in every
    attribute read (``request.user.pk``, each role asked) costs three calls more, several
    hundred a home page (docs/adr/0082). A page that needs no sign-in is left as it
    came: nobody is read for it here (a POST's person is read earlier, by
    frontend.middleware.KeptFormMiddleware)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        refused = super().process_view(request, view_func, view_args, view_kwargs)
        user = getattr(request, "user", None)
        if refused is None and isinstance(user, SimpleLazyObject):
            person = user._wrapped
            if person is not empty:
                request.user = person
        return refused

    def handle_no_permission(self, request, view_func):
        if session_ended(request):
            note_signed_out_idle(request)
        return super().handle_no_permission(request, view_func)


@method_decorator(login_not_required, name="dispatch")
class SignOutView(auth_views.LogoutView):
    """Sign out (POST). With reason=idle, sent when the timeout dialog's time ran out, the
    sign-in page says why; that works too when the session had already ended. After a
    single sign-on, the sign-in page offers the provider's sign-out (people.sso)."""

    def post(self, request, *args, **kwargs):
        provider_sign_out = sso_session.kept_for_sign_out(request)
        response = super().post(request, *args, **kwargs)
        sso_session.offer_provider_sign_out(request, provider_sign_out)
        if request.POST.get("reason") == "idle":
            note_signed_out_idle(request)
        return response


def signed_out_reason(request):
    """The sign-in page's sentence saying why the person was signed out, once, or ""."""
    if not request.session.pop(IDLE_KEY, False):
        return ""
    return (
        f"You were signed out because you were inactive for {idle_words()}. "
        "Anything you saved is kept."
    )
