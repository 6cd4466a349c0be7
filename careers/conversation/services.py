"""Services of the career conversation and the Scope for Growth placement.

Each state change checks the current state, writes in one transaction and
leaves a record of who did what (PlacementEvent rows, history of the rest).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import access
from ..models import Conversation, ConversationNote, Placement, PlacementEvent

STALE = "This was changed by someone else after you opened the page. Check it and try again."
CANCELLED = "This conversation record is cancelled, so it cannot be changed"


def _check_version(obj, version):
    # A page that sends no version is as out of date as one that sends an old one.
    if version is None or int(version) != obj.version:
        raise ValidationError(STALE, code="stale")


def latest_conversation_date(today=None):
    """A conversation is booked at most a year ahead: a later date is a typing slip."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def _check_date(held_on):
    latest = latest_conversation_date()
    if held_on and held_on > latest:
        raise ValidationError(
            {"held_on": f"Date of the conversation must be the same as or before "
                        f"{latest:%-d %B %Y}, a year from today"}
        )  # fmt: skip


def _not_cancelled(conversation):
    if conversation.is_cancelled:
        raise ValidationError(CANCELLED, code="cancelled")


@transaction.atomic
def start_conversation(*, person, by, held_on):
    """The line manager starts the record of a conversation held (or booked) on `held_on`."""
    if person.line_manager_id != by.pk:
        raise PermissionError("Only the person's line manager starts a conversation.")
    _check_date(held_on)
    return Conversation.objects.create(person=person, manager=by, held_on=held_on)


@transaction.atomic
def cancel_conversation(*, conversation, by, version, reason=""):
    """Cancel a record started in error (a wrong date, say). It is kept, shown as
    cancelled, with who cancelled it, when and why; it is never deleted."""
    if not access.can_cancel_conversation(by, conversation):
        raise PermissionError("Only the manager who keeps the record cancels it.")
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    _not_cancelled(conversation)
    _check_version(conversation, version)
    conversation.cancelled_at, conversation.cancelled_by = timezone.now(), by
    conversation.cancel_reason = (reason or "").strip()
    conversation.version += 1
    conversation.full_clean()
    conversation._history_user = by
    conversation.save()
    return conversation


@transaction.atomic
def add_note(*, conversation, by, stage, text):
    if by.pk not in (conversation.person_id, conversation.manager_id):
        raise PermissionError("Only the two people in the conversation add notes.")
    _not_cancelled(conversation)
    if not text.strip():
        raise ValidationError({"text": "Enter a note"})
    return ConversationNote.objects.create(
        conversation=conversation, author=by, stage=stage, text=text.strip()
    )


@transaction.atomic
def update_conversation(*, conversation, by, version, **fields):
    """The manager records the date, reasonable adjustments and their preparation."""
    if by.pk != conversation.manager_id:
        raise PermissionError("Only the manager changes the conversation record.")
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    _not_cancelled(conversation)
    _check_version(conversation, version)
    if fields.get("held_on", conversation.held_on) != conversation.held_on:
        _check_date(fields["held_on"])
    for name, value in fields.items():
        setattr(conversation, name, value)
    conversation.version += 1
    conversation.full_clean()
    conversation.save()
    return conversation


def _other_party(placement, user):
    return user.pk in (placement.person_id, placement.person.line_manager_id) and (
        user.pk != placement.proposed_by_id
    )


def _summary(placement):
    return (
        f"Now: {placement.level} / {placement.direction}. "
        f"In two years: {placement.target_level} / {placement.target_direction}."
    )


@transaction.atomic
def propose_placement(*, person, by, year, version=None, **fields):
    """The manager proposes (or the person self-assesses); a revision after a
    disagreement goes back to the other party to agree."""
    if by.pk not in (person.pk, person.line_manager_id):
        raise PermissionError("Only the person and their line manager place them.")
    placement = Placement.objects.select_for_update().filter(person=person, year=year).first()
    if placement is None:
        placement = Placement(person=person, year=year, proposed_by=by, **fields)
        action = PlacementEvent.Action.PROPOSED
    else:
        if placement.status == Placement.Status.AGREED:
            raise ValidationError("This year's placement is already agreed.")
        _check_version(placement, version)
        for name, value in fields.items():
            setattr(placement, name, value)
        placement.proposed_by, placement.version = by, placement.version + 1
        action = PlacementEvent.Action.REVISED
    placement.status = Placement.Status.PROPOSED
    placement.full_clean()
    placement.save()
    PlacementEvent.objects.create(
        placement=placement, actor=by, action=action, summary=_summary(placement)
    )
    return placement


@transaction.atomic
def agree_placement(*, placement, by, version):
    placement = Placement.objects.select_for_update().select_related("person").get(pk=placement.pk)
    _check_version(placement, version)
    if placement.status != Placement.Status.PROPOSED or not _other_party(placement, by):
        raise ValidationError("Only the other person can agree a proposed placement.")
    placement.status, placement.agreed_at = Placement.Status.AGREED, timezone.now()
    placement.version += 1
    placement.save(update_fields=["status", "agreed_at", "version"])
    PlacementEvent.objects.create(
        placement=placement, actor=by, action=PlacementEvent.Action.AGREED,
        summary=_summary(placement),
    )  # fmt: skip
    return placement


@transaction.atomic
def disagree_placement(*, placement, by, version, comment):
    placement = Placement.objects.select_for_update().select_related("person").get(pk=placement.pk)
    _check_version(placement, version)
    if not comment.strip():
        raise ValidationError({"comment": "Say why you do not agree"})
    if placement.status != Placement.Status.PROPOSED or not _other_party(placement, by):
        raise ValidationError("Only the other person can respond to a proposed placement.")
    placement.status = Placement.Status.DISAGREED
    placement.version += 1
    placement.save(update_fields=["status", "version"])
    PlacementEvent.objects.create(
        placement=placement, actor=by, action=PlacementEvent.Action.DISAGREED,
        comment=comment.strip(), summary=_summary(placement),
    )  # fmt: skip
    return placement


def awaiting(placement, user):
    """True when `user` is the one who should agree or disagree now."""
    return placement.status == Placement.Status.PROPOSED and _other_party(placement, user)
