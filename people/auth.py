"""Sign-in helpers shared by settings-driven libraries."""


def lockout_username(request, credentials=None):
    """The email a sign-in attempt was for, lower-cased, so that failures typed
    as "Amira.Khan@…" and "amira.khan@…" count against the same account.

    The sign-in form names its email field "username" (Django's
    AuthenticationForm), while Person.USERNAME_FIELD is "email".
    """
    source = credentials if credentials is not None else request.POST
    return (source.get("username") or "").strip().lower() or None
