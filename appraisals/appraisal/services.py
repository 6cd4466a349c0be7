"""The appraisal's states and sign-off (docs/adr/0027-appraisal-states-and-signing.md).

    not started → preparing → manager writing → awaiting the person's sign-off
      → awaiting the manager's sign-off → complete   (reopened by HR → manager writing)

Each transition is a keyword-only function here: it locks the appraisal
(select_for_update), checks who is acting, the state and the version the page
showed, writes in one transaction and adds an AppraisalEvent row (never edited).
Refusals are ValidationErrors in plain words; code "stale" means the page was out
of date. Saving the parts both people write is in appraisals/appraisal/parts.py.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from appraisals.access import can_reopen, role_in
from appraisals.booklet.services import seal_on_completion
from careers.booklet_sections import career_account

from . import dates
from .models import (
    Appraisal,
    AppraisalEvent,
    ObjectiveReview,
    OrganisationValue,
    Signature,
    ValueDiscussion,
)

Status = Appraisal.Status
OPEN = (Status.PREPARING, Status.MANAGER_WRITING, Status.AWAITING_PERSON, Status.AWAITING_MANAGER)
AWAITING = (Status.AWAITING_PERSON, Status.AWAITING_MANAGER)

STALE = (
    "This appraisal was changed after you opened the page, so nothing was saved. "
    "Check it and try again."
)
NOT_THEIRS = "Only {name} can do this in this appraisal"
WRONG_STATE = {
    Status.NOT_STARTED: "The appraisal has not been started yet",
    Status.COMPLETE: "This appraisal is complete, so it cannot be changed",
    Status.LEFT: "This appraisal was closed when the person left, so it cannot be changed",
}
HASH_DIFFERS = (
    "The appraisal changed while you were reading it, so it has not been signed. "
    "Read it again, then sign."
)
RETURNED = (
    "{name} changed the appraisal after their appraiser had submitted it, so it went back "
    "to the appraiser to read the change and submit again."
)
CLEARED = (
    "{name} changed the appraisal after it was signed, so the signature no longer counts. "
    "It needs signing again."
)


class Action:
    """The `AppraisalEvent.action` words."""

    STARTED = "started"
    SELF_SUBMITTED = "self_submitted"
    MANAGER_SUBMITTED = "manager_submitted"
    SIGNED = "signed"
    COMPLETED = "completed"
    SIGNATURES_CLEARED = "signatures_cleared"
    RETURNED_TO_APPRAISER = "returned_to_appraiser"
    REOPENED = "reopened"


# Shared checks -------------------------------------------------------------------


def locked(appraisal):
    """The appraisal read again under a row lock, for one transition or save."""
    return (
        Appraisal.objects.select_for_update(of=("self",))
        .select_related("cycle", "person", "appraiser")
        .get(pk=appraisal.pk)
    )


def check_actor(appraisal, by, *roles):
    """`by`'s role ("person" or "appraiser") if it is one of `roles`; else refused."""
    role = role_in(by, appraisal)
    if role not in roles:
        who = appraisal.person if roles == ("person",) else appraisal.appraiser
        name = who.full_name if who else "the appraiser"
        if len(roles) > 1:
            name = "the person and their appraiser"
        raise ValidationError(NOT_THEIRS.format(name=name), code="actor")
    return role


def check_state(appraisal, states, message=None):
    if appraisal.status not in states:
        # A closed appraisal says so, whatever the step would have said.
        if appraisal.is_closed or not message:
            message = WRONG_STATE.get(appraisal.status, "This cannot be done at this stage")
        raise ValidationError(message, code="state")


def check_version(appraisal, version):
    # A page that sends no version is as out of date as one that sends an old one.
    try:
        same = version is not None and int(version) == appraisal.version
    except (TypeError, ValueError):
        same = False
    if not same:
        raise ValidationError(STALE, code="stale")


def event(appraisal, by, action, from_status, detail=""):
    return AppraisalEvent.objects.create(
        appraisal=appraisal, actor=by, action=action, from_status=from_status,
        to_status=appraisal.status, detail=detail,
    )  # fmt: skip


def changed(appraisal, by):
    """Note a change to what the appraisal says: the version rises, and any live
    signature is cleared (never deleted), the career snapshot is let go and the
    appraisal waits for the person's sign-off again. A change by the person after the
    appraiser submitted goes back to the appraiser ("manager writing"), with an event.
    Sets `signatures_cleared` and `returned_to_appraiser`."""
    now = timezone.now()
    appraisal.version += 1
    appraisal.updated_at = now
    cleared = appraisal.signatures.filter(cleared_at__isnull=True).update(cleared_at=now)
    appraisal.signatures_cleared = bool(cleared)
    before = appraisal.status
    if cleared:
        appraisal.status = Status.AWAITING_PERSON
        appraisal.career_snapshot = {}
        event(appraisal, by, Action.SIGNATURES_CLEARED, before,
              CLEARED.format(name=by.full_name))  # fmt: skip
    # What the appraiser submitted is what both sign: a change by the person after it
    # goes back to the appraiser, recorded, rather than waiting quietly for a signature.
    appraisal.returned_to_appraiser = (
        before in (Status.AWAITING_PERSON, Status.AWAITING_MANAGER)
        and by.pk == appraisal.person_id
    )
    if appraisal.returned_to_appraiser:
        from_status = back_to_appraiser(appraisal)
        event(appraisal, by, Action.RETURNED_TO_APPRAISER, from_status,
              RETURNED.format(name=by.full_name))  # fmt: skip
    appraisal.save()
    return appraisal


# Transitions ---------------------------------------------------------------------


def previous_appraisal(appraisal):
    """The person's appraisal in the most recent earlier cycle, or None."""
    return (
        Appraisal.objects.filter(
            person_id=appraisal.person_id, cycle__year__lt=appraisal.cycle.year
        )
        .exclude(pk=appraisal.pk)
        .order_by("-cycle__year", "-cycle__opens_on", "-pk")
        .first()
    )


@transaction.atomic
def start_preparing(*, appraisal, by):
    """The person starts preparing: one value discussion for each active value, and
    last year's objectives (from their most recent earlier appraisal) to review."""
    a = locked(appraisal)
    check_actor(a, by, "person")
    check_state(a, [Status.NOT_STARTED], "Your appraisal has already been started")
    values = OrganisationValue.objects.filter(active=True)
    ValueDiscussion.objects.bulk_create(
        [ValueDiscussion(appraisal=a, value=value) for value in values], ignore_conflicts=True
    )
    earlier = previous_appraisal(a)
    if earlier is not None:
        ObjectiveReview.objects.bulk_create(
            ObjectiveReview(appraisal=a, source=o, what=o.what, order=i)
            for i, o in enumerate(earlier.objectives.all())
        )
    before, a.status = a.status, Status.PREPARING
    a.version += 1
    a.updated_at = timezone.now()
    a.save()
    event(a, by, Action.STARTED, before)
    return a


@transaction.atomic
def submit_self_assessment(*, appraisal, by, version):
    """The person submits their self-assessment: their manager may now read it and
    write theirs (preparing → manager writing). Refused with no appraiser yet: it is
    given to a named appraiser (appraisals/appraisal/appraiser.py)."""
    a = locked(appraisal)
    check_actor(a, by, "person")
    check_state(a, [Status.PREPARING], "Your self-assessment is already submitted")
    check_version(a, version)
    if a.appraiser_id is None:
        raise ValidationError("You can submit your self-assessment once you have an "
                              "appraiser. HR will assign one.", code="no_appraiser")  # fmt: skip
    if not a.self_assessment.strip():
        raise ValidationError(
            {"self_assessment": "Write your self-assessment before you submit it"}
        )
    before, a.status = a.status, Status.MANAGER_WRITING
    a.self_submitted_at = timezone.now()
    a.version += 1
    a.save()
    event(a, by, Action.SELF_SUBMITTED, before)
    return a


def manager_problems(appraisal):
    """What stops the appraiser submitting: a list of (field, words)."""
    problems = []
    if not appraisal.manager_assessment.strip():
        problems.append(("manager_assessment", "Write your assessment before you submit it"))
    if appraisal.meeting_date is None:
        problems.append(("meeting_date", "Enter the date of the appraisal meeting"))
    elif held := dates.not_held_yet(appraisal.meeting_date, "submit your assessment"):
        problems.append(("meeting_date", held))
    if appraisal.values.filter(rating__isnull=True).exists():
        problems.append(("values", "Agree a rating for every value"))
    if not appraisal.pay_progression:
        problems.append(("pay_progression", "Record the pay progression outcome"))
    return problems


@transaction.atomic
def submit_manager_assessment(*, appraisal, by, version):
    """The appraiser submits their assessment once the meeting date is in, every value
    is rated and the pay progression is recorded (manager writing → awaiting the
    person's sign-off); the person may now read it."""
    a = locked(appraisal)
    check_actor(a, by, "appraiser")
    check_state(a, [Status.MANAGER_WRITING], WRONG_STATE.get(a.status) or
                "The appraisal is not waiting for your assessment")  # fmt: skip
    check_version(a, version)
    problems = manager_problems(a)
    if problems:
        raise ValidationError(dict(problems))
    before, a.status = a.status, Status.AWAITING_PERSON
    a.manager_submitted_at = timezone.now()
    a.version += 1
    a.save()
    event(a, by, Action.MANAGER_SUBMITTED, before)
    return a


@transaction.atomic
def sign(*, appraisal, by, version, content_hash: str):
    """`by` confirms the appraisal as a true record: the person first, then the
    appraiser, which completes it. Refused, with nothing changed: anyone else, a
    second signature, the other person's turn, an old `version`, a meeting that has not
    taken place (no date, or a date after today: code "meeting", dates.py), or a
    `content_hash` that is not the hash of what is saved now.
    The first signature keeps the career record as it is now (`career_snapshot`)."""
    from . import content

    a = locked(appraisal)
    role = check_actor(a, by, "person", "appraiser")
    if a.signatures.filter(role=role, cleared_at__isnull=True).exists():
        raise ValidationError("You have already signed this appraisal", code="signed")
    turn = {Status.AWAITING_PERSON: "person", Status.AWAITING_MANAGER: "appraiser"}
    if a.status not in turn:
        check_state(a, AWAITING, WRONG_STATE.get(a.status) or "The appraisal is not ready to sign")
    if turn[a.status] != role:
        raise ValidationError(
            f"{a.person.full_name} signs first, then their appraiser", code="turn"
        )
    check_version(a, version)
    if held := dates.not_held_yet(a.meeting_date):
        raise ValidationError(held, code="meeting")
    if content_hash != content.content_hash(a):
        raise ValidationError(HASH_DIFFERS, code="hash")
    if not a.career_snapshot:
        a.career_snapshot = career_account(a.person, a.cycle.year)
    Signature.objects.create(
        appraisal=a, signer=by, role=role, name=by.full_name, job_title=by.job_title,
        appraisal_version=a.version, content_hash=content_hash,
    )  # fmt: skip
    before = a.status
    if role == "person":
        a.status = Status.AWAITING_MANAGER
    else:
        a.status, a.completed_at = Status.COMPLETE, timezone.now()
    a.save()
    event(a, by, Action.COMPLETED if a.status == Status.COMPLETE else Action.SIGNED, before)
    if a.status == Status.COMPLETE:
        transaction.on_commit(lambda: seal_on_completion(a))
    return a


def back_to_appraiser(appraisal):
    """Send `appraisal` back to its appraiser to write (after a change by the person
    once the appraiser had submitted, or HR reopening it). Their part is a draft again
    until they submit it again, so neither the person nor HR reads what they change
    meanwhile (each sees the other's only after submitting, docs/adr/0027). Returns
    the status it left; the caller saves and records the event."""
    before = appraisal.status
    appraisal.status = Status.MANAGER_WRITING
    appraisal.manager_submitted_at = None
    return before


@transaction.atomic
def reopen(*, appraisal, by, reason, version):
    """HR for the person's units (or an administrator) reopens a complete appraisal
    with a reason, recorded and shown on it: back to manager writing, signatures
    cleared. An earlier sealed booklet stays as it was (the booklet topic keeps it)."""
    a = locked(appraisal)
    if not can_reopen(by, a):
        raise ValidationError("Only HR for the person's units can reopen an appraisal",
                              code="actor")  # fmt: skip
    check_state(a, [Status.COMPLETE], "Only a complete appraisal can be reopened")
    check_version(a, version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for reopening the appraisal"})
    now = timezone.now()
    a.signatures.filter(cleared_at__isnull=True).update(cleared_at=now)
    before = back_to_appraiser(a)
    a.completed_at, a.career_snapshot = None, {}
    a.version += 1
    a.updated_at = now
    a.save()
    event(a, by, Action.REOPENED, before, reason)
    return a


# The self-assessment's prompts ---------------------------------------------------


def journal_prompts(appraisal):
    """What the person wrote in the journal sections of the appraisal's year that they
    share with their line manager today, as prompts for their self-assessment:
    a list of {"section": title, "answers": [(question, answer), …]}.

    Only sections the line manager may read now (careers.access.shared_states_visible_to:
    shared, and not lapsed by a change of manager); never a private section. Two queries."""
    from careers.access import shared_states_visible_to
    from careers.models import Answer

    manager = appraisal.person.line_manager
    if manager is None:
        return []
    states = list(
        shared_states_visible_to(manager).filter(
            journal__person=appraisal.person, journal__year=appraisal.cycle.year
        )
    )
    if not states:
        return []
    answers = Answer.objects.filter(
        journal_id=states[0].journal_id, question__section__in=[s.section_id for s in states]
    ).select_related("question")
    by_section = {}
    for answer in sorted(answers, key=lambda a: a.question.order):
        words = _answer_words(answer)
        if words:
            by_section.setdefault(answer.question.section_id, []).append(
                (answer.question.text, words)
            )
    return [
        {"section": s.section.title, "answers": by_section[s.section_id]}
        for s in states
        if s.section_id in by_section
    ]


def _answer_words(answer):
    parts = []
    if answer.choice:
        labels = dict(tuple(choice) for choice in answer.question.choices or [])
        parts.append(str(labels.get(answer.choice, answer.choice)))
    if answer.scale_value is not None:
        parts.append(f"{answer.scale_value} out of 10")
    if answer.text.strip():
        parts.append(answer.text.strip())
    parts.extend(str(f).strip() for f in answer.follow_ups or [] if str(f).strip())
    return ". ".join(parts)
