"""What the appraisal's pages show, worked out once for the views: which parts the
reader may change now, their status tags, and the history in words. Templates only
draw what these give (no access decisions in templates)."""

from dataclasses import dataclass

from django.urls import reverse

from .parts import APPRAISER_WAITS
from .services import AWAITING, OPEN, Action, Status

# Words for the history list, by AppraisalEvent.action.
EVENT_WORDS = {
    Action.STARTED: "Started preparing",
    Action.SELF_SUBMITTED: "Self-assessment submitted",
    Action.MANAGER_SUBMITTED: "Appraiser's assessment submitted",
    Action.SIGNED: "Signed by the person",
    Action.COMPLETED: "Signed by the appraiser: the appraisal is complete",
    Action.SIGNATURES_CLEARED: "Changed after signing: signature cleared",
    Action.RETURNED_TO_APPRAISER: "Changed by the person: back to the appraiser",
    Action.REOPENED: "Reopened",
    "appraiser_assigned": "Appraiser assigned by HR",
}

# Tag colours of the NHS.UK tag, by appraisal status.
STATUS_TAG = {
    Status.NOT_STARTED: "grey",
    Status.PREPARING: "blue",
    Status.MANAGER_WRITING: "blue",
    Status.AWAITING_PERSON: "yellow",
    Status.AWAITING_MANAGER: "yellow",
    Status.COMPLETE: "green",
    Status.LEFT: "grey",
}


@dataclass(frozen=True)
class Task:
    """One row of the NHS.UK task list: its name, where to change it (or nothing),
    and its status (a tag colour, or "" for plain "Completed")."""

    key: str
    name: str
    url: str | None
    status: str
    tag: str = "grey"
    hint: str = ""


def may_change(appraisal, role, part):
    """Whether the reader in `role` ("person", "appraiser" or None) may change `part`
    now. The services decide again on saving; this only decides which links to show."""
    if role is None or appraisal.status not in OPEN:
        return False
    if role == "appraiser" and appraisal.self_submitted_at is None and part != "dates":
        return False  # the person's unsubmitted words (appraisals.access.drafts_hidden_from)
    if part == "self_assessment":
        return role == "person" and appraisal.status == Status.PREPARING
    if part == "manager_assessment":
        return role == "appraiser" and appraisal.status != Status.PREPARING
    return True


def whose_turn_to_sign(appraisal):
    return {Status.AWAITING_PERSON: "person", Status.AWAITING_MANAGER: "appraiser"}.get(
        appraisal.status
    )


def whose_turn_to_submit(appraisal):
    return {Status.PREPARING: "person", Status.MANAGER_WRITING: "appraiser"}.get(appraisal.status)


def assessment_task(appraisal, role, key, name, url, submitted_at, draft):
    if submitted_at:
        return Task(key, name, url if may_change(appraisal, role, key) else None, "Completed", "")
    if draft and may_change(appraisal, role, key):
        return Task(key, name, url, "In progress", "blue")
    return Task(key, name, url if may_change(appraisal, role, key) else None, "Not started")


def event_words(event):
    return EVENT_WORDS.get(event.action, event.action.replace("_", " ").capitalize())


def why_not(appraisal, role, part):
    """Why the reader may not change `part` now, in plain words."""
    if appraisal.status == Status.COMPLETE:
        return "This appraisal is complete, so it cannot be changed."
    if appraisal.status == Status.LEFT:
        return "This appraisal was closed when the person left, so it cannot be changed."
    if appraisal.status == Status.NOT_STARTED:
        return "The appraisal has not been started yet."
    if part == "self_assessment":
        return "Your self-assessment is submitted, so it cannot be changed."
    if role == "appraiser" and appraisal.self_submitted_at is None:
        return APPRAISER_WAITS.format(name=appraisal.person.full_name) + "."
    if part == "manager_assessment":
        return (
            f"You can write your assessment once {appraisal.person.full_name} has submitted "
            "their self-assessment."
        )
    return "This cannot be changed now."


# Messages ------------------------------------------------------------------------


def submitted_words(a, role):
    if role == "person":
        who = a.appraiser.full_name if a.appraiser else "Your appraiser"
        return f"Your self-assessment is submitted. {who} can now read it and write theirs."
    return f"Your assessment is submitted. {a.person.full_name} can now read it and sign."


def signed_words(a, role):
    if a.status == a.Status.COMPLETE:
        return "You signed the appraisal. It is complete."
    return "You signed the appraisal. It is complete when your appraiser signs it too."


def not_your_turn(a, role):
    if a.signatures.filter(role=role, cleared_at__isnull=True).exists():
        return "You have already signed this appraisal."
    if a.status in AWAITING:
        return f"{a.person.full_name} signs first, then their appraiser."
    return "The appraisal is signed once both parts are written and submitted."


def cleared_words(a):
    return (f"You changed the appraisal after it was signed, so the signature no longer "
            f"counts. {a.person.full_name} signs again first, then the appraiser.")  # fmt: skip


# Where each problem that stops a submission is put right.
PUT_RIGHT = {
    "self_assessment": "appraisals:self-assessment",
    "manager_assessment": "appraisals:manager-assessment",
    "meeting_date": "appraisals:dates",
    "pay_progression": "appraisals:pay-progression",
    "values": "appraisals:appraisal",
}


def submit_errors(appraisal, error):
    """The error summary's rows for a refused submission: {"text", "href"} each."""
    if not hasattr(error, "error_dict"):
        return [{"text": text, "href": ""} for text in error.messages]
    rows = []
    for field, errors in error.error_dict.items():
        name = PUT_RIGHT.get(field)
        href = reverse(name, args=[appraisal.pk]) if name else ""
        if field == "values":
            href += "#values"
        rows += [{"text": text, "href": href} for e in errors for text in e.messages]
    return rows


def agreed_rating(appraisal, discussion):
    """What the person reads of a value's rating: the one agreed, once their appraiser
    has submitted; until then that it is not agreed yet, and who records it."""
    if appraisal.manager_submitted_at and discussion.rating_id:
        return f"Agreed rating: {discussion.rating.label}."
    return (
        "Agreed rating: not yet agreed. Your appraiser records the rating you agree at "
        "your appraisal meeting."
    )


def recorded_pay(appraisal):
    """What the person reads of the pay progression outcome: it once their appraiser
    has submitted, with the reason; "not yet" until then."""
    if not (appraisal.manager_submitted_at and appraisal.pay_progression):
        return "not yet."
    words = f"{appraisal.get_pay_progression_display()}."
    if appraisal.pay_progression_reason:
        words += f" Reason: {appraisal.pay_progression_reason}"
    return words


def assessment_tasks(a, role):
    """The self-assessment and the appraiser's assessment, as tasks for `role`."""
    return [
        assessment_task(a, role, "self_assessment", "Self-assessment",
                              reverse("appraisals:self-assessment", args=[a.pk]),
                              a.self_submitted_at, a.self_assessment),
        assessment_task(a, role, "manager_assessment", "Appraiser's assessment",
                              reverse("appraisals:manager-assessment", args=[a.pk]),
                              a.manager_submitted_at, a.manager_assessment),
    ]  # fmt: skip


def meeting_tasks(a, role, hidden):
    """The meeting's tasks; before the person submits, others see only the dates."""

    def url(name, part):
        return reverse(f"appraisals:{name}", args=[a.pk]) if may_change(a, role, part) else None

    tasks = [Task("dates", "Meeting and next review dates", url("dates", "dates"),
                        a.meeting_date.strftime("%-d %B %Y") if a.meeting_date
                        else "Not started", "" if a.meeting_date else "grey")]  # fmt: skip
    if "person" in hidden:
        return tasks
    held = {True: "Held", False: "Not held"}.get(a.wellbeing_held)
    return tasks + [
        Task("wellbeing", "Well-being conversation", url("wellbeing", "wellbeing"),
                   held or "Not started", "" if held else "grey"),
        Task("pay", "Pay progression (Agenda for Change)", url("pay-progression", "pay"),
                   *pay_status(a, hidden)),
    ]  # fmt: skip


def pay_status(a, hidden):
    """(words, tag colour): the outcome once recorded (and, for the person and HR,
    submitted); "In progress" once a training confirmation they may see is given."""
    by_appraiser = "appraiser" not in hidden
    if a.pay_progression and by_appraiser:
        return a.get_pay_progression_display(), ""
    if a.training_confirmed_by_person or (by_appraiser and a.training_confirmed_by_manager):
        return "In progress", "blue"
    return "Not started", "grey"
