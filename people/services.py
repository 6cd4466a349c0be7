"""People services: the read audit every app uses, the password reset throttle, and
the unit each of a page of units sits within."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from . import throttle
from .identity import normalise_email
from .models import OrganisationUnit, RecordView
from .sql import Compiled

HOUR = timedelta(hours=1)


def record_read(*, viewer, subject, record, path=""):
    """Note that `viewer` read `record`, which belongs to `subject`.

    A person reading their own record is not noted: the audit is of reads by
    others (managers, HR, administrators). Returns the new row or None.
    """
    if viewer.pk == subject.pk:
        return None
    return RecordView.objects.create(
        viewer=viewer,
        subject=subject,
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        path=path[:500],
    )


def reads_of(record):
    """Reads of `record` by others, newest first, with the viewer loaded."""
    return RecordView.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
    ).select_related("viewer")


RECENT_READS = 10

_recent_reads = Compiled(
    lambda content_type, object_id: RecordView.objects.filter(
        content_type=content_type, object_id=object_id
    ).select_related("viewer")[:RECENT_READS]
)


def recent_reads_of(record):
    """The RECENT_READS newest of `reads_of(record)` (a list), by a query compiled once
    (people.sql.Compiled): the pages that show a record's readers ask it on every view."""
    content_type = ContentType.objects.get_for_model(record)
    return _recent_reads.objects(content_type=content_type.pk, object_id=str(record.pk))


def may_send_password_reset(*, email, client):
    """Count one password reset request and say whether a link may be sent.

    In: the address asked for (normalised here, as sign-in does) and the client's
    address as the sign-in lockout sees it. Out: False once the address has had
    PASSWORD_RESET_LIMIT_PER_ADDRESS requests this hour, or the client
    PASSWORD_RESET_LIMIT_PER_CLIENT, whether or not the address is anyone's.
    Both counts grow on every request.
    """
    address_ok = throttle.hit(
        "reset-address",
        normalise_email(email),
        limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
        period=HOUR,
    )
    client_ok = throttle.hit(
        "reset-client", client or "", limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT, period=HOUR
    )
    return address_ok and client_ok


def password_reset_completed(person):
    """Lift the sign-in lockout of `person` (a Person) once they set a new password
    through an emailed reset link: the lockout page offers that way back in, and the
    link proves they hold the address. Returns the number of failures cleared."""
    from axes.utils import reset

    return reset(username=person.email)


def with_parents(units):
    """(unit, the name of the unit it sits within or "") for each of `units`, in one
    query: a materialised path's parent is the path less one step (django-treebeard)."""
    step = OrganisationUnit.steplen
    names = dict(
        OrganisationUnit.objects.filter(
            path__in={u.path[:-step] for u in units if u.depth > 1}
        ).values_list("path", "name")
    )
    return [(u, names.get(u.path[:-step], "")) for u in units]
