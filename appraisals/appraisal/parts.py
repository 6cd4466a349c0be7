"""Saving the parts of an appraisal that the person and their appraiser write.

Every save locks the appraisal, checks who is writing and the state, and refuses a
page that showed an older version or none (ValidationError code "stale"); a save
that changes nothing is not a change, whatever version the page showed. A change raises the
appraisal's version and, after a signature, clears it (services.changed): the
caller reads `appraisal.signatures_cleared` to tell the person who changed it.
Rules and their sources: docs/adr/0027-appraisal-states-and-signing.md.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from frontend.parse import whole_number

from . import dates
from .models import Appraisal, AppraisalObjective, RatingLevel
from .services import OPEN, Status, changed, check_actor, check_state, check_version, locked

# Agenda for Change pay bands (NHS Terms and Conditions of Service handbook, Annex 23
# in England: pay progression). Medical and dental and local terms are not AfC.
AFC_BANDS = {"1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"}
PayProgression = Appraisal.PayProgression

NOT_ON_SCALE = "Choose a rating from the scale"
# Each sees the other's parts after submitting (docs/adr/0027): before the person
# submits, their appraiser arranges the meeting's dates and nothing else.
APPRAISER_WAITS = "You can read and change this once {name} has submitted their self-assessment"
RATED_BY_APPRAISER = "Your appraiser records the rating you agree at your appraisal meeting"
KEEP = object()  # save_value's rating when the writer (the person) does not give one
TRAINING_FIRST = (
    "Meeting the requirements needs the statutory and mandatory training confirmed by "
    "you both: confirm it, or choose that the requirements are not met"
)
KEEP_TRAINING = (
    "Your line manager recorded that you meet the requirements for your next pay step, "
    "which needs your training confirmed. Ask them to change that first."
)


def on_agenda_for_change(person):
    """True for bands 1 to 9, False for medical and dental or local terms, None when
    the person's pay band is not recorded."""
    if not person.pay_band:
        return None
    return person.pay_band in AFC_BANDS


def _appraiser_waits(appraisal, role):
    """Refused for the appraiser while the person has not submitted: the parts hold the
    person's unsubmitted words (appraisals.access.drafts_hidden_from)."""
    if role == "appraiser" and appraisal.self_submitted_at is None:
        raise ValidationError(
            APPRAISER_WAITS.format(name=appraisal.person.full_name), code="waits"
        )


def _lines(fields):
    """`fields` with every text's line endings as \n: a browser sends a textarea's
    lines ended \r\n, autosave's script \n, and the same words must compare equal."""
    return {
        name: value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value
        for name, value in fields.items()
    }


def _save(appraisal, by, version, obj, fields):
    """Write `fields` onto `obj` (the appraisal or one of its rows) unless they are
    what is saved already; check the version first, validate, and note the change.

    A page that sends no version (or not a number) is refused even when nothing
    changed; one that sends an older version with the words saved now is not (its
    own autosave got there first)."""
    fields = _lines(fields)
    if not _changes(appraisal, version, obj, fields):
        return appraisal
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    if obj is not appraisal:
        obj.save()
    return changed(appraisal, by)


def _changes(appraisal, version, obj, fields):
    """Whether `fields` change `obj`; refused as stale first when they do and the page
    showed an older version, or when the page sent no version at all. Called before a
    part's own rules, so an out-of-date page is told so before anything else."""
    fields = _lines(fields)
    if version is None or whole_number(str(version)) is None:
        check_version(appraisal, None)
    if all(getattr(obj, name) == value for name, value in fields.items()):
        return False
    check_version(appraisal, version)
    return True


@transaction.atomic
def save_self_assessment(*, appraisal, by, version, text):
    """The person's self-assessment, while they prepare (a draft only they read)."""
    a = locked(appraisal)
    check_actor(a, by, "person")
    check_state(a, [Status.PREPARING], "Your self-assessment is submitted, so it cannot "
                "be changed" if a.self_submitted_at else None)  # fmt: skip
    return _save(a, by, version, a, {"self_assessment": text.strip()})


@transaction.atomic
def save_manager_assessment(*, appraisal, by, version, text):
    """The appraiser's assessment, once the person has submitted theirs."""
    a = locked(appraisal)
    check_actor(a, by, "appraiser")
    check_state(a, OPEN[1:], "You can write your assessment once "
                f"{a.person.full_name} has submitted their self-assessment")  # fmt: skip
    return _save(a, by, version, a, {"manager_assessment": text.strip()})


@transaction.atomic
def save_value(*, discussion, by, version, examples, rating=KEEP):
    """The behaviours and examples discussed for one value, and the agreed rating,
    which must be a point of the active scale (or not given yet). The appraiser
    records the rating agreed at the meeting; the person writes examples only (a
    `rating` other than the one saved is refused for them)."""
    a = locked(discussion.appraisal)
    role = check_actor(a, by, "person", "appraiser")
    check_state(a, OPEN)
    _appraiser_waits(a, role)
    discussion = a.values.get(pk=discussion.pk)
    if rating is KEEP:
        rating = discussion.rating
    fields = {"examples": examples.strip(), "rating": rating}
    _changes(a, version, discussion, fields)
    if role == "person" and rating != discussion.rating:
        raise ValidationError({"rating": RATED_BY_APPRAISER})
    if rating is not None and not RatingLevel.objects.filter(pk=rating.pk, active=True).exists():
        raise ValidationError({"rating": NOT_ON_SCALE})
    return _save(a, by, version, discussion, fields)


@transaction.atomic
def save_review(*, review, by, version, outcome, comment):
    """Last year's objective reviewed: met, partly met or not met, with a comment."""
    a = locked(review.appraisal)
    role = check_actor(a, by, "person", "appraiser")
    check_state(a, OPEN)
    _appraiser_waits(a, role)
    review = a.objective_reviews.get(pk=review.pk)
    fields = {"outcome": outcome, "comment": comment.strip()}
    _changes(a, version, review, fields)
    if outcome not in AppraisalObjective.Outcome.values:
        raise ValidationError({"outcome": "Select whether the objective was met"})
    return _save(a, by, version, review, fields)


@transaction.atomic
def save_objective(*, appraisal, by, version, objective=None, what, measure, due_by, supports):
    """Add an objective for the year ahead, or change one: what, how it will be
    measured, by when, and the team or service objective it supports (seed 002)."""
    a = locked(appraisal)
    role = check_actor(a, by, "person", "appraiser")
    check_state(a, OPEN)
    _appraiser_waits(a, role)
    fields = {"what": what.strip(), "measure": measure.strip(), "due_by": due_by,
              "supports": supports.strip()}  # fmt: skip
    if objective is None:
        check_version(a, version)
    else:
        _changes(a, version, a.objectives.get(pk=objective.pk), fields)
    if not fields["what"]:
        raise ValidationError({"what": "Enter the objective"})
    if problem := dates.due_by_problem(a.cycle, due_by):
        raise ValidationError({"due_by": problem})
    if objective is None:
        last = a.objectives.order_by("-order").first()
        objective = AppraisalObjective(appraisal=a, order=last.order + 1 if last else 0, **fields)
        objective.full_clean()
        objective.save()
        return changed(a, by)
    return _save(a, by, version, a.objectives.get(pk=objective.pk), fields)


@transaction.atomic
def remove_objective(*, objective, by, version):
    a = locked(objective.appraisal)
    role = check_actor(a, by, "person", "appraiser")
    check_state(a, OPEN)
    _appraiser_waits(a, role)
    check_version(a, version)
    a.objectives.filter(pk=objective.pk).delete()
    return changed(a, by)


@transaction.atomic
def save_wellbeing(*, appraisal, by, version, held, note=None):
    """Whether a well-being conversation was held. Its content is the person's: only
    they add a note (`note` None leaves it as it is)."""
    a = locked(appraisal)
    role = check_actor(a, by, "person", "appraiser")
    check_state(a, OPEN)
    _appraiser_waits(a, role)
    fields = {"wellbeing_held": held}
    if note is not None:
        fields["wellbeing_note"] = note.strip()
    _changes(a, version, a, fields)
    if note is not None and role != "person":
        raise ValidationError(f"Only {a.person.full_name} adds a note about their well-being",
                              code="actor")  # fmt: skip
    if held is None:
        raise ValidationError(
            {"wellbeing_held": "Select whether a well-being conversation was held"}
        )
    return _save(a, by, version, a, fields)


@transaction.atomic
def save_pay_progression(*, appraisal, by, version, outcome=None, reason="", training_confirmed):
    """Agenda for Change pay progression (NHS Terms and Conditions handbook, Annex 23).

    The person confirms their statutory and mandatory training; the appraiser
    confirms it too and records the outcome: "meets" (this appraisal completed, and
    the training confirmed by both), "not met" with a reason, or "not applicable",
    for people not on AfC pay only."""
    a = locked(appraisal)
    role = check_actor(a, by, "person", "appraiser")
    check_state(a, OPEN)
    _appraiser_waits(a, role)
    if role == "person":
        fields = {"training_confirmed_by_person": bool(training_confirmed)}
        _changes(a, version, a, fields)
        if not training_confirmed and a.pay_progression == PayProgression.MEETS:
            raise ValidationError({"training_confirmed": KEEP_TRAINING})
        return _save(a, by, version, a, fields)
    not_met = outcome == PayProgression.NOT_MET
    fields = {
        "pay_progression": outcome or "",
        "training_confirmed_by_manager": bool(training_confirmed),
        "pay_progression_reason": (reason or "").strip() if not_met else "",
    }
    _changes(a, version, a, fields)
    _check_pay(a, fields)
    return _save(a, by, version, a, fields)


def _check_pay(a, fields):
    outcome, afc = fields["pay_progression"], on_agenda_for_change(a.person)
    name = a.person.full_name
    if outcome not in PayProgression.values:
        raise ValidationError({"pay_progression": "Select the pay progression outcome"})
    if outcome == PayProgression.NOT_APPLICABLE and afc:
        band = a.person.get_pay_band_display()
        raise ValidationError({"pay_progression": f"{name} is on Agenda for Change pay "
                               f"({band}), so pay progression applies"})  # fmt: skip
    if outcome in (PayProgression.MEETS, PayProgression.NOT_MET) and afc is False:
        raise ValidationError({"pay_progression": f"{name} is not on Agenda for Change pay, "
                               "so choose not applicable"})  # fmt: skip
    if outcome == PayProgression.NOT_MET and not fields["pay_progression_reason"]:
        raise ValidationError(
            {"pay_progression_reason": "Give the reason the requirements are not met"}
        )
    if outcome == PayProgression.MEETS and not (
        a.training_confirmed_by_person and fields["training_confirmed_by_manager"]
    ):
        raise ValidationError({"pay_progression": TRAINING_FIRST})


@transaction.atomic
def save_dates(*, appraisal, by, version, meeting_date, next_review_date):
    """The date of the appraisal meeting and of the next review, tied to the cycle's
    appraisal year by appraisals/appraisal/dates.py (the meeting in the year, the next
    review after it and by the end of the next year)."""
    a = locked(appraisal)
    check_actor(a, by, "person", "appraiser")
    check_state(a, OPEN)
    fields = {"meeting_date": meeting_date, "next_review_date": next_review_date}
    _changes(a, version, a, fields)
    problems = dates.date_problems(a.cycle, meeting_date=meeting_date,
                                   next_review_date=next_review_date)  # fmt: skip
    if problems:
        raise ValidationError(problems)
    return _save(a, by, version, a, fields)
