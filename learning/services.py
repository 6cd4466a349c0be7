"""State changes of the catalogue: each checks the current state, writes in one
transaction, and leaves an audit record (django-simple-history keeps who and when)."""

from django.db import transaction
from django.utils import timezone

from .models import Bookmark, CPDEntry, Evidence, Initiative

M2M_FIELDS = ("directions", "levels")


class StaleEdit(Exception):
    """The initiative changed after the person opened it; their save is refused."""

    def __init__(self, current):
        super().__init__("The initiative was changed by someone else.")
        self.current = current


class NotAllowed(Exception):
    """The transition does not apply to the initiative's current state."""


def _write(initiative, fields, by):
    many = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.full_clean()
    initiative._history_user = by
    initiative.save()
    for name, values in many.items():
        getattr(initiative, name).set(values)
    return initiative


@transaction.atomic
def create_initiative(*, fields, by):
    """A new draft initiative, owned by `by` unless `fields` names an owner."""
    fields = dict(fields)
    fields.setdefault("owner", by)
    if fields.get("owner") is None:
        fields["owner"] = by
    return _write(Initiative(status=Initiative.Status.DRAFT), fields, by)


@transaction.atomic
def update_initiative(*, initiative, fields, expected_version, by):
    """Save `fields` over `initiative`, unless it changed since `expected_version`."""
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    fields = dict(fields)
    current.version += 1
    return _write(current, fields, by)


@transaction.atomic
def publish(*, initiative, by):
    """Draft (or retired) → published: listed, searchable and recommended."""
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if current.status == Initiative.Status.PUBLISHED:
        raise NotAllowed("This initiative is already published.")
    current.status = Initiative.Status.PUBLISHED
    current.published_at = timezone.now()
    current.retired_at = None
    current.version += 1
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def retire(*, initiative, by):
    """Published → retired: no longer listed or offered, still readable by its URL."""
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if current.status != Initiative.Status.PUBLISHED:
        raise NotAllowed("Only a published initiative can be retired.")
    current.status = Initiative.Status.RETIRED
    current.retired_at = timezone.now()
    current.version += 1
    current._history_user = by
    current.save()
    return current


def bookmark(*, person, initiative):
    """Save `initiative` for later (once; saving again changes nothing)."""
    if not initiative.is_published:
        raise NotAllowed("Only initiatives in the catalogue can be saved.")
    saved, _ = Bookmark.objects.get_or_create(person=person, initiative=initiative)
    return saved


def remove_bookmark(*, person, initiative):
    Bookmark.objects.filter(person=person, initiative=initiative).delete()


def changes_of(initiative, limit=20):
    """Who changed `initiative`, when, and which fields: newest first."""
    history = initiative.history.select_related("history_user").order_by("-history_date")
    records = list(history[: limit + 1])
    changes = []
    for newer, older in zip(records[:limit], [*records[1:], None], strict=False):
        if older is None:
            fields = []
        else:
            delta = newer.diff_against(older, foreign_keys_are_objs=False)
            fields = [
                Initiative._meta.get_field(change.field).verbose_name for change in delta.changes
            ]
        changes.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "kind": newer.get_history_type_display(),
                "fields": fields,
            }
        )
    return changes[:limit]


# The CPD log -------------------------------------------------------------------------


@transaction.atomic
def record_cpd(*, person, fields, evidence=None, by=None):
    """A new entry in `person`'s CPD log, with an evidence file if one is given."""
    entry = CPDEntry(person=person, **fields)
    entry.full_clean()
    entry.save()
    if evidence is not None:
        add_evidence(entry=entry, upload=evidence[0], content_type=evidence[1])
    return entry


@transaction.atomic
def update_cpd(*, entry, fields, evidence=None):
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    if evidence is not None:
        add_evidence(entry=entry, upload=evidence[0], content_type=evidence[1])
    return entry


def add_evidence(*, entry, upload, content_type):
    """Store `upload` through the storage API (MEDIA_ROOT, or S3 by configuration)."""
    from pathlib import PurePath

    evidence = Evidence(
        entry=entry,
        name=PurePath(upload.name).name[:200],
        content_type=content_type,
        size=upload.size,
    )
    evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def remove_evidence(*, evidence):
    name, storage = evidence.file.name, evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
