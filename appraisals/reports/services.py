"""Management information for one appraisal cycle: how far its appraisals have got, for
a unit and each unit below it, who is overdue, completion by appraiser, pay-progression
outcomes and earlier cycles over the same people.

The definitions (docs/adr/0030-management-information.md, and on the page):
- Counted: every appraisal in the cycle except those closed because the person left.
- Not started: status "not started". In progress: the person preparing, or the manager
  writing. Awaiting sign-off: awaiting either person's signature. Complete: both signed.
  These four add up to the counted total.
- Overdue: counted, not complete, and today is after the cycle's closing date. It is
  part of the first three, never a fifth share of the total.
- A person is counted in the unit they are in now (Person.unit), and in every unit above.

Queries do not grow with people: one GROUP BY on units gives the figures, rolled up
the tree in Python; lists are paginated querysets with everything joined in."""

from dataclasses import dataclass, fields

from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone

from people.models import OrganisationUnit

from .. import access
from ..models import Appraisal

Status = Appraisal.Status
IN_PROGRESS = (Status.PREPARING, Status.MANAGER_WRITING)
AWAITING = (Status.AWAITING_PERSON, Status.AWAITING_MANAGER)
CLOSED = (Status.COMPLETE, Status.LEFT)
EARLIER_CYCLES = 4  # compared with the chosen one

# The four shares of the counted total, in the order a cycle moves through them.
SHARES = [
    ("not_started", "Not started"),
    ("in_progress", "In progress"),
    ("awaiting", "Awaiting sign-off"),
    ("complete", "Complete"),
]

_COUNTS = {
    "not_started": Count("pk", filter=Q(status=Status.NOT_STARTED)),
    "in_progress": Count("pk", filter=Q(status__in=IN_PROGRESS)),
    "awaiting": Count("pk", filter=Q(status__in=AWAITING)),
    "complete": Count("pk", filter=Q(status=Status.COMPLETE)),
    "left": Count("pk", filter=Q(status=Status.LEFT)),
}


@dataclass
class Figures:
    """The counts for one group of appraisals; `overdue` is set by `settle`."""

    not_started: int = 0
    in_progress: int = 0
    awaiting: int = 0
    complete: int = 0
    left: int = 0
    overdue: int = 0

    @property
    def total(self):
        return self.not_started + self.in_progress + self.awaiting + self.complete

    def add(self, other):
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def settle(self, past_close):
        """Overdue: everything counted and not complete, once the cycle has closed."""
        self.overdue = self.total - self.complete if past_close else 0
        return self

    def percent(self, name):
        """`name`'s share of the total as a whole percent, or None when there is none."""
        return round(getattr(self, name) * 100 / self.total) if self.total else None


def _figures(row):
    return Figures(**{name: row[name] for name in _COUNTS})


def past_close(cycle, today=None):
    """True once today (the server's local date) is after the cycle's closing date."""
    return (today or timezone.localdate()) > cycle.closes_on


@dataclass
class UnitRow:
    unit: OrganisationUnit
    figures: Figures


@dataclass
class Dashboard:
    cycle: object
    unit: OrganisationUnit | None  # None: every unit in the cycle's scope
    total: Figures
    own: Figures | None  # people in the chosen unit itself, not below it
    rows: list  # UnitRow for each child unit (or each unit in scope), by name
    past_close: bool
    trail: list  # the chosen unit's ancestors the user may also choose, top first


_PATHS = "_report_unit_paths"


def _unit_paths(cycle):
    """The paths of the cycle's units: one query per cycle object (every table of the
    figures narrows by them; the reports never change a cycle's units)."""
    paths = getattr(cycle, _PATHS, None)
    if paths is None:
        paths = tuple(cycle.units.values_list("path", flat=True))
        setattr(cycle, _PATHS, paths)
    return paths


def scope_q(cycle, unit, prefix="person__unit__"):
    """A Q for the chosen unit's subtree, or for every unit in the cycle's scope."""
    if unit is not None:
        return unit.subtree_q(prefix)
    q = Q(pk__in=[])
    for path in _unit_paths(cycle):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def appraisals_in_scope(*, user, cycle, unit=None):
    """The cycle's appraisals `user` may count, for people now in `unit`'s subtree (or
    anywhere in the cycle's scope)."""
    return access.report_appraisals_for(user, cycle).filter(scope_q(cycle, unit))


def dashboard(*, user, cycle, unit=None, today=None):
    """The five counts for `unit` (already checked with access.units_in_cycle_for) and
    for each unit just below it, or, with no unit, for each unit in the cycle's scope.

    Four queries at any size: the units (with the HR scope's paths), the counts
    grouped by unit, and the trail above the chosen unit."""
    closed = past_close(cycle, today)
    units = access.units_in_cycle_for(user, cycle)
    by_unit = {
        row["person__unit_id"]: _figures(row)
        for row in appraisals_in_scope(user=user, cycle=cycle, unit=unit)
        .order_by()
        .values("person__unit_id")
        .annotate(**_COUNTS)
    }
    if unit is not None:
        tree = list(units.filter(unit.subtree_q()).order_by("path"))
        tops = [u for u in tree if u.depth == unit.depth + 1]
    else:
        tree = list(units.order_by("path"))
        in_scope = set(cycle.units.values_list("pk", flat=True))
        tops = _outermost(u for u in tree if u.pk in in_scope)
    rolled = _roll_up(tree, by_unit, tops)
    rows = sorted(
        (UnitRow(top, rolled[top.pk].settle(closed)) for top in tops),
        key=lambda row: (row.unit.name.casefold(), row.unit.pk),
    )
    total = Figures()
    for figures in by_unit.values():
        total.add(figures)
    own = by_unit.get(unit.pk, Figures()).settle(closed) if unit is not None else None
    return Dashboard(cycle, unit, total.settle(closed), own, rows, closed,
                     _trail(units, unit))  # fmt: skip


def _outermost(units):
    """Units not below another of `units` (a cycle may name a unit and one below it)."""
    kept = []
    for unit in sorted(units, key=lambda u: u.path):
        if not any(unit.path.startswith(top.path) for top in kept):
            kept.append(unit)
    return kept


def _roll_up(tree, by_unit, tops):
    """Each top unit's figures: its own plus everything below it. A unit's ancestors are
    the prefixes of its path, so each unit's figures are added to the top above it."""
    step = OrganisationUnit.steplen
    top_by_path = {top.path: top.pk for top in tops}
    rolled = {top.pk: Figures() for top in tops}
    for unit in tree:
        figures = by_unit.get(unit.pk)
        if figures is None:
            continue
        for end in range(step, len(unit.path) + 1, step):
            top = top_by_path.get(unit.path[:end])
            if top is not None:
                rolled[top].add(figures)
                break
    return rolled


def _trail(units, unit):
    if unit is None:
        return []
    step = OrganisationUnit.steplen
    above = [unit.path[:end] for end in range(step, len(unit.path), step)]
    return list(units.filter(path__in=above).order_by("path")) if above else []


# What the overdue list and its file show (presenters.overdue_cells): not the
# appraisals' text, nor the rest of each person's row.
OVERDUE_FIELDS = (
    "pk", "status", "cycle", "person__given_name", "person__family_name", "person__email",
    "person__job_title", "person__unit__name",
    "appraiser__given_name", "appraiser__family_name", "appraiser__email",
)  # fmt: skip


def overdue(*, user, cycle, unit=None, today=None):
    """The overdue appraisals, by appraiser then person, with the person's names, job
    title and unit and the appraiser's names read (OVERDUE_FIELDS; the rest deferred);
    none before the cycle closes."""
    if not past_close(cycle, today):
        return Appraisal.objects.none()
    return (
        appraisals_in_scope(user=user, cycle=cycle, unit=unit)
        .select_related(None)
        .select_related("person__unit", "appraiser")
        .only(*OVERDUE_FIELDS)
        .exclude(status__in=CLOSED)
        .order_by(
            F("appraiser__family_name").asc(nulls_first=True),
            "appraiser__given_name",
            "appraiser_id",
            "person__family_name",
            "person__given_name",
            "pk",
        )
    )


def by_appraiser(*, user, cycle, unit=None):
    """Completion by appraiser: rows of appraiser names, counted, complete and still
    to do, most still to do first. One grouped query (and one to count it)."""
    return (
        appraisals_in_scope(user=user, cycle=cycle, unit=unit)
        .exclude(status=Status.LEFT)
        .order_by()
        .values("appraiser_id", "appraiser__given_name", "appraiser__family_name")
        .annotate(counted=Count("pk"), complete=Count("pk", filter=Q(status=Status.COMPLETE)))
        .annotate(to_do=F("counted") - F("complete"))
        .order_by("-to_do", "appraiser__family_name", "appraiser__given_name", "appraiser_id")
    )


def pay_progression(*, user, cycle, unit=None):
    """For each pay-progression outcome: how many complete appraisals and how many
    counted appraisals (complete or not) record it, in the outcomes' own order. An
    outcome the appraiser has not submitted is their draft (docs/adr/0027): it counts
    as "Not decided yet", so HR never learns a named person's draft from a small unit."""
    submitted = Case(
        When(manager_submitted_at__isnull=False, then=F("pay_progression")),
        default=Value(Appraisal.PayProgression.NOT_DECIDED),
    )
    rows = (
        appraisals_in_scope(user=user, cycle=cycle, unit=unit)
        .exclude(status=Status.LEFT)
        .order_by()
        .annotate(outcome=submitted)
        .values("outcome")
        .annotate(counted=Count("pk"), complete=Count("pk", filter=Q(status=Status.COMPLETE)))
    )
    found = {row["outcome"]: row for row in rows}
    return [
        {
            "outcome": label,
            "value": value,
            "complete": found.get(value, {}).get("complete", 0),
            "counted": found.get(value, {}).get("counted", 0),
        }
        for value, label in Appraisal.PayProgression.choices
    ]


def earlier_cycles(*, user, cycle, unit=None, today=None):
    """This cycle and up to four before it that `user` may read, newest first, each
    with the figures for the people now in the same units. Two queries and the scope."""
    cycles = list(
        access.report_cycles_for(user)
        .filter(Q(year__lt=cycle.year) | Q(year=cycle.year, opens_on__lt=cycle.opens_on))
        .exclude(pk=cycle.pk)
        .order_by("-year", "-opens_on", "-pk")[:EARLIER_CYCLES]
    )
    cycles.insert(0, cycle)
    counted = (
        access.report_appraisals_for(user, *cycles)
        .filter(scope_q(cycle, unit))
        .order_by()
        .values("cycle_id")
        .annotate(**_COUNTS)
    )
    found = {row["cycle_id"]: _figures(row) for row in counted}
    return [(c, found.get(c.pk, Figures()).settle(past_close(c, today))) for c in cycles]
