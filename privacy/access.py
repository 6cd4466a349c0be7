"""Who may reach what in the privacy app: decided here and nowhere else (ADR 0002).

Deny by default: every function answers for the signed-in person only, and anything
not named here is a 404."""

from people.access import is_administrator
from people.models import Person


def people_erasable_by(user):
    """The people `user` may open the erasure page of: everyone, for an administrator;
    nobody for anyone else (a 404). Whether a person can be erased now is
    privacy.erasure.services.refusal."""
    if is_administrator(user):
        return Person.objects.all()
    return Person.objects.none()
