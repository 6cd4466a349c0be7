"""People services: the read audit every app uses."""

from django.contrib.contenttypes.models import ContentType

from .models import RecordView


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
