"""The ESR export's rules: which appraisals of a cycle go in the file, in what order, and
how each becomes a row of ESR's columns (docs/esr-export.md, docs/adr/0029-esr-export.md).

ESR (the NHS Electronic Staff Record) identifies a person by their employee number and
a post by its assignment number; a row without both could not be loaded, so such
appraisals are left out of the file and named on the export page instead.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from ..appraisal.models import Appraisal

Status = Appraisal.Status
Pay = Appraisal.PayProgression

# The file's columns, in order: (header, what it holds). docs/esr-export.md shows the
# same table, and tests/test_esr_export.py reads the doc back against these.
COLUMNS = [
    ("Employee Number", "The person's ESR employee number (digits)."),
    ("Assignment Number", "The person's ESR assignment number, as recorded in Trellis."),
    ("Appraisal Date", "The date of the appraisal meeting, DD/MM/YYYY; empty if not recorded."),
    ("Next Review Date", "The date of the next review, DD/MM/YYYY; empty if not recorded."),
    ("Appraisal Status", "Where the appraisal stands, as a code (below)."),
    ("Pay Progression Outcome", "The signed pay-progression outcome, as a code (below)."),
]
HEADER = [header for header, _ in COLUMNS]

# ESR's own loads write dates day first; the format leaves no doubt (01/04/2026).
DATE_FORMAT = "%d/%m/%Y"

# Trellis's states, as ESR codes. The two writing states are one "in progress", and the
# two sign-offs one "awaiting sign-off": ESR records where an appraisal stands, not whose
# turn it is.
STATUS_CODES = {
    Status.NOT_STARTED: "NOT_STARTED",
    Status.PREPARING: "IN_PROGRESS",
    Status.MANAGER_WRITING: "IN_PROGRESS",
    Status.AWAITING_PERSON: "AWAITING_SIGN_OFF",
    Status.AWAITING_MANAGER: "AWAITING_SIGN_OFF",
    Status.COMPLETE: "COMPLETE",
    Status.LEFT: "LEFT",
}

# The outcome counts only once both people have signed: ESR acts on it for the pay
# step, and an outcome not yet signed may still change.
PAY_CODES = {
    Pay.MEETS: "MEETS",
    Pay.NOT_MET: "DOES_NOT_MEET",
    Pay.NOT_APPLICABLE: "NOT_APPLICABLE",
    Pay.NOT_DECIDED: "NOT_RECORDED",
}
NOT_RECORDED = PAY_CODES[Pay.NOT_DECIDED]

# Stable: assignment numbers are unique in Trellis, and the appraisal's id settles the rest.
ORDER = ("person__assignment_number", "person__employee_number", "pk")


# An appraisal whose person has both numbers: the file's rows. Greater than "" is
# neither empty nor NULL, on PostgreSQL and SQLite alike.
HAS_NUMBERS = Q(person__employee_number__gt="") & Q(person__assignment_number__gt="")

# What a row reads, in this order (row_for).
VALUES = ("pk", "person_id", "person__employee_number", "person__assignment_number",
          "meeting_date", "next_review_date", "status", "pay_progression")  # fmt: skip


@dataclass
class LeftOut:
    """An appraisal left out of the file, and the numbers Trellis lacks for its person."""

    appraisal: Appraisal
    missing: list = field(default_factory=list)

    @property
    def missing_words(self):
        return " and ".join(self.missing)


@dataclass
class Export:
    """The rows of one ESR file (header first), the (appraisal, person) keys of its
    rows, and the appraisals left out of it."""

    rows: list
    included: list
    left_out: list

    @property
    def count(self):
        return len(self.included)


@dataclass
class Summary:
    """What the export page says of a file without building it: how many rows, and the
    appraisals left out."""

    count: int
    left_out: list


def in_unit(appraisals, unit):
    """`appraisals` of people now in `unit` or any unit below it (all when `unit` is None)."""
    if unit is None:
        return appraisals
    return appraisals.filter(Q(person__unit__path__startswith=unit.path))


def summary(appraisals):
    """The page's view of the file for `appraisals` (a queryset already scoped to the
    reader): two queries, a count and the few left out, however many rows. At 20,000
    people building the file for the page took about 3 s. Returns a Summary."""
    return Summary(count=appraisals.filter(HAS_NUMBERS).count(), left_out=left_out(appraisals))


def left_out(appraisals):
    """LeftOut for each of `appraisals` whose person lacks a number, by name."""
    found = appraisals.exclude(HAS_NUMBERS).select_related("person").order_by()
    gone = [LeftOut(appraisal, _missing(appraisal.person)) for appraisal in found]
    return sorted(gone, key=_by_name)


def build(appraisals):
    """The ESR file for `appraisals` (an Appraisal queryset, already scoped to what the
    user may read): one query of plain values, however many appraisals, and one for
    those left out. Returns an Export."""
    found = appraisals.filter(HAS_NUMBERS).order_by(*ORDER).values_list(*VALUES)
    rows, included = [HEADER], []
    for values in found:
        included.append(values[:2])
        rows.append(row_for(*values[2:]))
    return Export(rows=rows, included=included, left_out=left_out(appraisals))


def _missing(person):
    return [
        words
        for value, words in (
            (person.employee_number, "employee number"),
            (person.assignment_number, "assignment number"),
        )
        if not value
    ]


def _by_name(gone):
    person = gone.appraisal.person
    return (person.family_name, person.given_name, gone.appraisal.pk)


def row_for(employee_number, assignment_number, meeting_date, next_review_date, status, pay):
    """One appraisal as ESR's columns (see COLUMNS), from its person's two numbers, its
    dates, its status and its pay-progression outcome."""
    return [
        employee_number,
        assignment_number,
        _date(meeting_date),
        _date(next_review_date),
        STATUS_CODES[status],
        pay_code(status, pay),
    ]


def pay_code(status, pay):
    """The outcome's code when the appraisal is complete; NOT_RECORDED before then."""
    if status != Status.COMPLETE:
        return NOT_RECORDED
    return PAY_CODES.get(pay, NOT_RECORDED)


def _date(value):
    # Text, not a date: the safe-export helper would write a date as YYYY-MM-DD.
    return value.strftime(DATE_FORMAT) if value else ""


def filename(cycle, unit):
    """The download's name: the cycle's id and, when one unit was chosen, the unit's."""
    from django.utils.text import slugify

    where = slugify(unit.name)[:60] if unit is not None else "all-units"
    return f"esr-appraisals-cycle-{cycle.pk}-{where or 'unit'}.csv"
