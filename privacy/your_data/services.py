"""A person's data out: asking for a copy (the person, or HR for a subject access
request) and what the person is told (docs/adr/0037-your-data.md)."""

from django.db import transaction

from people.models import Person

from .models import DataExport, SubjectAccessRequest


def start(*, by, person, reference=""):
    """Ask for a ZIP of `person`'s data for `by`, and queue its build in the same
    transaction (the queue is in the database: the task exists if the export does).

    `by` is `person` (their own copy) or HR for a person in their scope (the caller has
    checked, privacy/access.py), with `reference`: then the subject access request is
    recorded too, and the person is told of it. Returns the DataExport: the one `by`
    already has waiting or being made for `person`, if any (one at a time, so repeated
    asking cannot fill the worker's queue)."""
    from .tasks import build

    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()  # one ask at a time
        waiting = DataExport.objects.filter(
            person=person, requested_by=by,
            status__in=[DataExport.Status.QUEUED, DataExport.Status.BUILDING],
        ).first()  # fmt: skip
        if waiting is not None:
            return waiting
        request = None
        if by.pk != person.pk:
            request = SubjectAccessRequest.objects.create(
                person=person, prepared_by=by, reference=reference
            )
        export = DataExport.objects.create(person=person, requested_by=by, subject_access=request)
        build.enqueue(export.pk)
    return export
