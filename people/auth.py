"""Sign-in helpers shared by settings-driven libraries."""

from .identity import normalise_email


def lockout_username(request, credentials=None):
    """The identity a sign-in attempt was for, as the lockout key (django-axes'
    AXES_USERNAME_CALLABLE).

    In: the request and, when axes has them, the credentials given to
    authenticate(). Out: `normalise_email` of the typed address, or None when
    empty. The account lookup uses the same function (PersonManager
    .get_by_natural_key), so every spelling that reaches an account counts its
    failures against that account's key, and a spelling that counts elsewhere
    reaches no account. The sign-in form names its email field "username"
    (Django's AuthenticationForm), while Person.USERNAME_FIELD is "email".
    """
    source = credentials if credentials is not None else request.POST
    return normalise_email(source.get("username")) or None
