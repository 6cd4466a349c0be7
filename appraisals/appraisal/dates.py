"""The appraisal's dates, tied to its cycle's appraisal year (docs/adr/0027).

One place for every date rule; parts.py (saving) and services.py (submitting and
signing) ask here, and the pages show the words in the NHS.UK error summary.

- The meeting date lies in the cycle's appraisal year (1 April to 31 March): the
  year the booklet names. Not the cycle's open window: that is HR's target, and a
  late appraisal (after sickness or leave) is still recorded.
- It may be in the future while the meeting is being arranged, but the appraiser
  submits, and either of them signs, only once it has taken place.
- The next review comes after the meeting and by the end of the next appraisal year.
- An objective's "by when" is from the start of the appraisal year to the end of
  the next one: objectives are for the year ahead, reviewed at the next appraisal.
"""

from datetime import date

from django.utils import timezone


def year_bounds(year):
    """The first and last day of the appraisal year starting in April of `year`."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def year_label(year):
    """2026 -> "April 2026 to March 2027"."""
    return f"April {year} to March {year + 1}"


def words(day):
    """A date as the pages write it: 5 January 2027."""
    return f"{day:%-d %B %Y}"


def _latest(cycle):
    """The last day of the next appraisal year: the furthest a review or objective goes."""
    return year_bounds(cycle.year + 1)[1]


def date_problems(cycle, *, meeting_date, next_review_date):
    """{field: words} for a meeting date or next review date out of bounds; {} if none."""
    first, last = year_bounds(cycle.year)
    problems = {}
    if meeting_date and not first <= meeting_date <= last:
        problems["meeting_date"] = (
            f"The meeting date must be in the appraisal year, {words(first)} to {words(last)}"
        )
    if next_review_date:
        if meeting_date and next_review_date <= meeting_date:
            problems["next_review_date"] = "The next review date must be after the meeting date"
        elif next_review_date < first:
            problems["next_review_date"] = (
                f"The next review date must be on or after {words(first)}, when the "
                "appraisal year starts"
            )
        elif next_review_date > _latest(cycle):
            problems["next_review_date"] = (
                f"The next review date must be on or before {words(_latest(cycle))}, when "
                "the next appraisal year ends"
            )
    return problems


def due_by_problem(cycle, due_by):
    """Words if an objective's "by when" is before the appraisal year starts or after
    the next appraisal year ends; None otherwise (or when no date is given)."""
    if due_by is None:
        return None
    first = year_bounds(cycle.year)[0]
    if due_by < first:
        return (
            f"The date the objective is due by must be on or after {words(first)}, when "
            "the appraisal year starts"
        )
    if due_by > _latest(cycle):
        return (
            f"The date the objective is due by must be on or before {words(_latest(cycle))}, "
            "when the next appraisal year ends"
        )
    return None


def not_held_yet(meeting_date, doing="sign", today=None):
    """Words if the meeting has not taken place (no date, or a date after today), so
    `doing` ("sign" or "submit your assessment") must wait; None once it has."""
    today = today or timezone.localdate()
    if meeting_date is None:
        return f"You can {doing} once the date of the appraisal meeting is entered"
    if meeting_date > today:
        return (
            f"You can {doing} once the appraisal meeting has taken place. The meeting date "
            f"is {words(meeting_date)}"
        )
    return None
