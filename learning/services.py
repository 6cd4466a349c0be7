"""State changes of the catalogue: each checks the current state, writes in one
transaction, and leaves an audit record (django-simple-history keeps who and when)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .follow_ups import (  # noqa: F401 (the follow-up email's entry points, kept here)
    enqueue_due_follow_ups,
    follow_up_message,
    send_follow_up_email,
)
from .models import (
    FOLLOW_UP_AFTER_DAYS,
    Bookmark,
    CPDEntry,
    Evaluation,
    Evidence,
    Initiative,
    OutcomeAnswer,
)

M2M_FIELDS = ("directions", "levels")


class StaleEdit(Exception):
    """The record changed after the person opened it (by someone else, or in another tab),
    or the page sent no version; their save is refused (docs/adr/0006)."""

    def __init__(self, current):
        super().__init__("The record was changed after the page was opened.")
        self.current = current


def _check_version(current, version):
    """Refuse (StaleEdit) a save from a page that showed another version, or none."""
    if version is None or version != current.version:
        raise StaleEdit(current)


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
    _check_version(current, expected_version)
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
    _record_consent(entry, fields)
    entry.full_clean()
    entry.save()
    if evidence is not None:
        add_evidence(entry=entry, upload=evidence[0], content_type=evidence[1])
    return entry


@transaction.atomic
def update_cpd(*, entry, fields, version, evidence=None):
    """Save `fields` over the person's entry; StaleEdit if it changed since `version`."""
    _check_version(CPDEntry.objects.select_for_update().get(pk=entry.pk), version)
    entry.version = version + 1
    for name, value in fields.items():
        setattr(entry, name, value)
    _record_consent(entry, fields)
    entry.full_clean()
    entry.save()
    # New dates move a follow-up that has not gone out yet.
    Evaluation.objects.filter(
        entry=entry, follow_up_sent_at__isnull=True, applied_at__isnull=True
    ).update(follow_up_due=follow_up_due(entry))
    if evidence is not None:
        add_evidence(entry=entry, upload=evidence[0], content_type=evidence[1])
    return entry


def _record_consent(entry, fields):
    """A ticked "share" box is consent to the line manager of today (people.consent).
    The form shows a lapsed share unticked, so it is given again only by ticking."""
    if "shared_with_manager" not in fields:
        return
    if entry.shared_with_manager:
        entry.give_to_line_manager()
    else:
        entry.shared_with = None


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


# Evaluation of learning (Kirkpatrick levels 1 to 3) ------------------------------------


def finished_on(entry):
    """The day the learning finished: its end date, or its only day."""
    return entry.ended_on or entry.started_on


def follow_up_due(entry):
    """About three months after finishing, ask how the learning was applied."""
    return finished_on(entry) + timedelta(days=FOLLOW_UP_AFTER_DAYS)


def evaluation_of(entry):
    """The entry's evaluation, or None."""
    try:
        return entry.evaluation
    except Evaluation.DoesNotExist:
        return None


@transaction.atomic
def evaluate(*, entry, rating, review, answers, version):
    """Record (or change) the person's evaluation of a finished entry from the catalogue:
    a rating 1 to 5, an optional review, and per learning outcome whether they achieved
    it and what they learned. `answers` is a list of (outcome, achieved, note).
    StaleEdit if it changed since `version`, the page's (0 for no evaluation yet)."""
    if not entry.initiative_id or not entry.done:
        raise NotAllowed("Only finished learning from the catalogue can be evaluated.")
    evaluation = Evaluation.objects.select_for_update().filter(entry=entry).first()
    if evaluation is None:
        evaluation = Evaluation(entry=entry, initiative_id=entry.initiative_id, version=0)
    _check_version(evaluation, version)
    evaluation.version += 1
    evaluation.rating = rating
    evaluation.review = review
    if evaluation.follow_up_sent_at is None and evaluation.applied_at is None:
        evaluation.follow_up_due = follow_up_due(entry)
    evaluation.full_clean(exclude=["entry"])
    evaluation.save()
    evaluation.outcomes.all().delete()
    rows = [
        OutcomeAnswer(
            evaluation=evaluation,
            position=n,
            outcome=outcome[:500],
            achieved=achieved,
            note=note,
        )
        for n, (outcome, achieved, note) in enumerate(answers, start=1)
    ]
    for row in rows:
        row.full_clean(exclude=["evaluation"])
    OutcomeAnswer.objects.bulk_create(rows)
    return evaluation


@transaction.atomic
def record_follow_up(*, evaluation, applied_level, applied, version):
    """The level-3 answer: whether, and how, the person has used what they learned.
    StaleEdit if the evaluation changed since `version`."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _check_version(evaluation, version)
    evaluation.version += 1
    evaluation.applied_level = applied_level
    evaluation.applied = applied
    evaluation.applied_at = timezone.now()
    evaluation.full_clean(exclude=["entry"])
    evaluation.save()
    return evaluation


def evaluation_steps(*, person, today=None):
    """The person's finished learning from the catalogue that waits for them: recent
    entries not yet evaluated, and follow-ups that are due. One query; each entry holds
    its dates, its initiative's title and its evaluation's follow-up date."""
    from django.db.models.functions import Coalesce

    today = today or timezone.localdate()
    recent = today - timedelta(days=FOLLOW_UP_AFTER_DAYS)
    return list(
        CPDEntry.objects.filter(person=person, initiative__isnull=False, done=True)
        .annotate(finished=Coalesce("ended_on", "started_on"))
        .filter(
            Q(evaluation__isnull=True, finished__gte=recent)
            | Q(evaluation__follow_up_due__lte=today, evaluation__applied_at__isnull=True)
        )
        .select_related("initiative", "evaluation")
        # What a step says: not the initiative's text and search columns, most of a row.
        .only("pk", "ended_on", "started_on", "initiative__title", "evaluation__follow_up_due")
        .order_by("finished", "pk")[:5]
    )
