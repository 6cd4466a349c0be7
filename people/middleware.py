"""Sessions that end after a period of inactivity, without a write on every request."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

REFRESHED_KEY = "_trellis_refreshed"
REFRESH_EVERY_SECONDS = 60


class IdleSessionMiddleware:
    """Extend a signed-in session's expiry at most once a minute.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session on every request;
    this writes it when a minute has passed since the last write, so an idle
    session still ends SESSION_COOKIE_AGE after the last activity (to within a
    minute) and most requests cost no write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        # Only when this request read the session anyway: a request that never did
        # (the health check) must not load it, nor answer with a cookie. Not after a
        # server error either: the database may be what failed (frontend/outage.py).
        if session is None or not session.accessed or response.status_code >= 500:
            return response
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= REFRESH_EVERY_SECONDS:
                session[REFRESHED_KEY] = now  # marks the session modified: saved, expiry reset
        return response


@receiver(user_logged_in)
def stamp_new_session(sender, request, user, **kwargs):
    """Signing in saves the session anyway: start the once-a-minute clock there."""
    if getattr(request, "session", None) is not None:
        request.session[REFRESHED_KEY] = int(time.time())
