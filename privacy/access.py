"""Who may reach what in the privacy app: decided here and nowhere else (ADR 0002).

Deny by default: every function answers for the signed-in person only, and anything
not named here is a 404."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from people.access import hr_units, is_administrator
from people.models import Person

# A person's data out (privacy/your_data/, docs/adr/0037-your-data.md) ------------------


def subject_access_people_for(user):
    """The people HR `user` may prepare a copy of data for (a subject access request):
    the people of the units of their HR scope and below, leavers included. A leaver
    keeps the unit they left (the ESR import's leaving and the admin change only
    `is_active` and `left_on`), so the HR of that unit answers their request; an erased
    person has no unit, so nobody does. Nobody for anyone else, administrators
    included."""
    q = Q(pk__in=[])
    for path in hr_units(user).values_list("path", flat=True):
        q |= Q(unit__path__startswith=path)
    return Person.objects.filter(q).select_related("unit")


def data_exports_visible_to(user):
    """The copies of data `user` may follow and download: those they asked for, of
    themself or (HR) of someone still in their scope, until they expire (the clean-up
    may not have run yet). Anyone else's: nothing."""
    from .your_data.models import DataExport

    if not getattr(user, "is_authenticated", False):
        return DataExport.objects.none()
    # A test per copy (EXISTS), not `person__in` the scope: beside the OR, PostgreSQL
    # read every person in the scope to hash them, for a handful of copies.
    in_scope = Exists(subject_access_people_for(user).filter(pk=OuterRef("person_id")))
    unexpired = Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
    return DataExport.objects.filter(
        Q(person=user) | in_scope, unexpired, requested_by=user
    ).select_related("person", "subject_access")


def subject_access_requests_of(user):
    """The copies HR prepared of `user`'s data (they are told of each)."""
    from .your_data.models import SubjectAccessRequest

    return SubjectAccessRequest.objects.filter(person=user).select_related("prepared_by")


def people_erasable_by(user):
    """The people `user` may open the erasure page of: everyone, for an administrator;
    nobody for anyone else (a 404). Whether a person can be erased now is
    privacy.erasure.services.refusal."""
    if is_administrator(user):
        return Person.objects.all()
    return Person.objects.none()
