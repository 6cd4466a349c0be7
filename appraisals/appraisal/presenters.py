"""The read-only account of an appraisal: what the booklet prints and what the
appraisal pages' summary shows, from the same functions so the two never disagree.

Each function takes an `Appraisal` (loaded with its cycle, person, the person's unit
and the appraiser, as `appraisals.access.appraisals_visible_to` loads it) and runs a
fixed number of queries, whatever the number of objectives or years of history.
An assessment shows once submitted: before that it is its writer's draft.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from careers.booklet_sections import career_account, career_of
from people.sql import Compiled

from .models import (
    Appraisal,
    AppraisalEvent,
    AppraisalObjective,
    ObjectiveReview,
    Signature,
    ValueDiscussion,
)

NOT_YET = "Not written yet"
NOT_SUBMITTED = "Not submitted yet"
NOT_AGREED = "Not yet agreed"


def paragraphs(text):
    """`text` as the paragraphs the person typed (blank lines dropped)."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def year_label(year):
    return f"April {year} to March {year + 1}"


@dataclass(frozen=True)
class Cover:
    person: str
    job_title: str
    band: str
    unit: str
    assignment_number: str
    appraiser: str
    cycle: str
    year: str
    status: str
    complete: bool


@dataclass(frozen=True)
class ValueRow:
    name: str
    behaviours: tuple
    examples: tuple
    rating: str


@dataclass(frozen=True)
class ReviewRow:
    what: tuple
    outcome: str
    comment: tuple


@dataclass(frozen=True)
class ObjectiveRow:
    what: tuple
    measure: tuple
    due_by: date | None
    supports: str


@dataclass(frozen=True)
class Wellbeing:
    held: bool | None
    held_label: str
    note: tuple  # the person's own words, only when they added them


@dataclass(frozen=True)
class PayProgression:
    decided: bool
    outcome: str
    reason: tuple
    training_by_person: bool
    training_by_manager: bool


@dataclass(frozen=True)
class Assessment:
    writer: str
    text: tuple
    submitted_at: datetime | None


@dataclass(frozen=True)
class SignatureRow:
    name: str
    role: str
    job_title: str
    signed_at: datetime


@dataclass(frozen=True)
class Reopening:
    at: datetime
    by: str
    reason: tuple


@dataclass(frozen=True)
class Meeting:
    meeting_date: date | None
    next_review_date: date | None


@dataclass(frozen=True)
class AppraisalAccount:
    cover: Cover
    values: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    objectives: list = field(default_factory=list)
    wellbeing: Wellbeing | None = None
    pay: PayProgression | None = None
    self_assessment: Assessment | None = None
    manager_assessment: Assessment | None = None
    meeting: Meeting | None = None
    signatures: list = field(default_factory=list)
    reopenings: list = field(default_factory=list)


# The parts of an appraisal each page and booklet reads, compiled once (people.sql.Compiled).
_values = Compiled(
    lambda appraisal: ValueDiscussion.objects.filter(appraisal=appraisal).select_related(
        "value", "rating"
    )
)
_reviews = Compiled(lambda appraisal: ObjectiveReview.objects.filter(appraisal=appraisal))
_objectives = Compiled(lambda appraisal: AppraisalObjective.objects.filter(appraisal=appraisal))
_signatures = Compiled(
    lambda appraisal: Signature.objects.filter(appraisal=appraisal, cleared_at__isnull=True)
)
_reopenings = Compiled(
    lambda appraisal: AppraisalEvent.objects.filter(
        appraisal=appraisal, from_status=Appraisal.Status.COMPLETE
    ).select_related("actor")
)


_PARTS = {
    "values": _values,
    "reviews": _reviews,
    "objectives": _objectives,
    "signatures": _signatures,
    "reopenings": _reopenings,
}


def reads(appraisal, *parts):
    """The people.sql.Read each of `parts` (keys of _PARTS: "values", "reviews",
    "objectives", "signatures", "reopenings") of `appraisal` fetches, to send ahead
    (people.sql.read_ahead). This year's objectives are not read while they are left
    out (`objectives`)."""
    if "objectives" in parts and "person" in _hidden(appraisal):
        parts = [part for part in parts if part != "objectives"]
    return [_PARTS[part].read(appraisal=appraisal.pk) for part in parts]


def cover(appraisal):
    """Who and which cycle: the booklet's cover and the summary's heading."""
    person = appraisal.person
    return Cover(
        person=person.full_name,
        job_title=person.job_title,
        band=person.get_pay_band_display() if person.pay_band else "",
        unit=person.unit.name if person.unit_id else "",
        assignment_number=person.assignment_number or "",
        appraiser=appraisal.appraiser.full_name if appraisal.appraiser_id else "",
        cycle=appraisal.cycle.name,
        year=year_label(appraisal.cycle.year),
        status=appraisal.get_status_display(),
        complete=appraisal.status == Appraisal.Status.COMPLETE,
    )


def _hidden(appraisal, role=None):
    """Whose unsubmitted parts are left out for a reader in `role`; the booklet (None)
    is read by everyone alike, so each writer's parts appear once they submit
    (appraisals.access.drafts_hidden_from)."""
    from appraisals.access import drafts_hidden_from

    return drafts_hidden_from(appraisal, role)


def values(appraisal):
    """Each value discussed, with its behaviours, the examples (once the person has
    submitted) and the agreed rating (once the appraiser has)."""
    hidden = _hidden(appraisal)
    discussions = _values.objects(appraisal=appraisal.pk)
    return [
        ValueRow(
            name=d.value.name,
            behaviours=paragraphs(d.value.behaviours),
            examples=(NOT_SUBMITTED,) if "person" in hidden else paragraphs(d.examples),
            rating=NOT_AGREED
            if "appraiser" in hidden
            else d.rating.label
            if d.rating_id
            else "Not rated yet",
        )  # fmt: skip
        for d in discussions
    ]


def reviews(appraisal):
    """Last year's objectives, as reviewed this year (once the person has submitted)."""
    outcomes = dict(AppraisalObjective.Outcome.choices)
    read = _reviews.objects(appraisal=appraisal.pk)
    if "person" in _hidden(appraisal):
        return [ReviewRow(paragraphs(r.what), NOT_SUBMITTED, ()) for r in read]
    return [
        ReviewRow(paragraphs(r.what), outcomes.get(r.outcome, r.outcome), paragraphs(r.comment))
        for r in read
    ]


def objectives(appraisal, role=None, read=None):
    """This year's objectives: what, how measured, by when, what they support (none
    until the person has submitted their self-assessment, except for the person).
    `read`: the objectives as content.content() lists them, when the caller has them
    already (no query then)."""
    if "person" in _hidden(appraisal, role):
        return []
    if read is not None:
        return [
            ObjectiveRow(paragraphs(o["what"]), paragraphs(o["measure"]),
                         date.fromisoformat(o["due_by"]) if o["due_by"] else None,
                         o["supports"])
            for o in read
        ]  # fmt: skip
    return [
        ObjectiveRow(paragraphs(o.what), paragraphs(o.measure), o.due_by, o.supports)
        for o in _objectives.objects(appraisal=appraisal.pk)
    ]


def wellbeing(appraisal):
    """Whether a well-being conversation was held; its content only if the person added
    it, and nothing until they have submitted their self-assessment."""
    if "person" in _hidden(appraisal):
        return Wellbeing(None, "Not recorded yet", ())
    held = appraisal.wellbeing_held
    label = {True: "Yes", False: "No", None: "Not recorded yet"}[held]
    return Wellbeing(held, label, paragraphs(appraisal.wellbeing_note))


def pay_progression(appraisal):
    """The Agenda for Change pay-progression outcome in words, with its reason: each
    writer's part once they have submitted."""
    hidden = _hidden(appraisal)
    by_appraiser = "appraiser" not in hidden
    outcome = appraisal.pay_progression if by_appraiser else ""
    return PayProgression(
        decided=bool(outcome),
        outcome=appraisal.get_pay_progression_display() if outcome else "Not decided yet",
        reason=paragraphs(appraisal.pay_progression_reason) if by_appraiser else (),
        training_by_person="person" not in hidden and appraisal.training_confirmed_by_person,
        training_by_manager=by_appraiser and appraisal.training_confirmed_by_manager,
    )


def assessments(appraisal):
    """(the person's self-assessment, the manager's), each shown once submitted."""

    def one(writer, text, submitted_at):
        return Assessment(writer, paragraphs(text) if submitted_at else (), submitted_at)

    appraiser = appraisal.appraiser.full_name if appraisal.appraiser_id else "The appraiser"
    return (
        one(appraisal.person.full_name, appraisal.self_assessment, appraisal.self_submitted_at),
        one(appraiser, appraisal.manager_assessment, appraisal.manager_submitted_at),
    )


def meeting(appraisal):
    return Meeting(appraisal.meeting_date, appraisal.next_review_date)


def signatures(appraisal):
    """Live signatures (a cleared one is no longer a signature), in the order given."""
    roles = dict(Signature.Role.choices)
    return [
        SignatureRow(s.name, roles.get(s.role, s.role), s.job_title, s.signed_at)
        for s in _signatures.objects(appraisal=appraisal.pk)
    ]


def reopenings(appraisal):
    """Each time HR reopened the complete appraisal, by whom and why (the event's
    detail): every step out of "complete" is a reopening."""
    events = _reopenings.objects(appraisal=appraisal.pk)
    return [
        Reopening(e.at, e.actor.full_name if e.actor_id else "", paragraphs(e.detail))
        for e in events
    ]


def account(appraisal):
    """The whole read-only account of `appraisal` (the career part aside: see
    `career_section`)."""
    self_assessment, manager_assessment = assessments(appraisal)
    return AppraisalAccount(
        cover=cover(appraisal),
        values=values(appraisal),
        reviews=reviews(appraisal),
        objectives=objectives(appraisal),
        wellbeing=wellbeing(appraisal),
        pay=pay_progression(appraisal),
        self_assessment=self_assessment,
        manager_assessment=manager_assessment,
        meeting=meeting(appraisal),
        signatures=signatures(appraisal),
        reopenings=reopenings(appraisal),
    )


# The career part: the placement and plan -------------------------------------------------


def snapshot_career(appraisal):
    """What `appraisal.career_snapshot` keeps from the first signature: the person's
    agreed Scope for Growth placement and their development plan for the appraisal
    year, as JSON ({"placement": {...} or None, "plan": {...} or None}). The
    appraisal's services store it; the booklet reads it back (`career_section`)."""
    return career_account(appraisal.person, appraisal.cycle.year)


def career_section(appraisal):
    """The placement and plan: as kept in the snapshot once signed, else live."""
    return career_of(appraisal)
