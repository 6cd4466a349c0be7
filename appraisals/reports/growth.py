"""Career figures for one appraisal cycle's people: where their agreed Scope for Growth
placements sit on the framework (level by direction), and the 70/20/10 mix of the
development planned in their plans.

The people: everyone with a counted appraisal in the cycle (not closed as left) who is
now in the chosen unit's subtree, as on the rest of the dashboard (services.py).
- Placement: the person's placement for the cycle's appraisal year, once both have
  agreed it (careers/conversation; a proposed or disagreed one is not yet theirs).
- Planned development: each action in the person's plan for the cycle's year, in the
  category of its initiative from the catalogue, else its objective's: the rule of the
  plan's own 70/20/10 balance (careers/plan/services.balance).
Counts are raw here; presenters.py hides small ones (learning/disclosure.py, ADR 0034).
A few queries at any size: grouped counts, and the framework's rows."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from careers.models import Placement, PlanAction
from learning.models import GrowthDirection, ImpactLevel, LearningCategory

from .services import Status, appraisals_in_scope


def _people(*, user, cycle, unit):
    """The ids of the cycle's counted people in scope, as a subquery."""
    return (
        appraisals_in_scope(user=user, cycle=cycle, unit=unit)
        .exclude(status=Status.LEFT)
        .order_by()
        .values("person_id")
    )


@dataclass
class Grid:
    """Agreed placements: `counts[(level_id, direction_id)]`, the framework's `levels`
    (low to high) and `directions`, the people `counted` and those `placed`."""

    levels: list
    directions: list
    counts: dict = field(default_factory=dict)
    counted: int = 0

    @property
    def placed(self):
        return sum(self.counts.values())

    @property
    def unplaced(self):
        return self.counted - self.placed

    def count(self, level, direction):
        return self.counts.get((level.pk, direction.pk), 0)


def placements(*, user, cycle, unit=None, counted=None):
    """The grid of agreed placements for the cycle's year. Three queries, and one to
    count the people unless `counted` (the dashboard's counted total) is given."""
    people = _people(user=user, cycle=cycle, unit=unit)
    rows = (
        Placement.objects.filter(
            year=cycle.year, status=Placement.Status.AGREED, person_id__in=people
        )
        .order_by()
        .values("level_id", "direction_id")
        .annotate(n=Count("pk"))
    )
    counts = {(row["level_id"], row["direction_id"]): row["n"] for row in rows}
    return Grid(list(ImpactLevel.objects.order_by("order", "name")),
                list(GrowthDirection.objects.order_by("order", "name")),
                counts, people.count() if counted is None else counted)  # fmt: skip


@dataclass
class MixRow:
    category: object  # a LearningCategory
    items: int  # planned actions in this category
    people: int  # people with at least one of them


@dataclass
class Mix:
    rows: list  # a MixRow for every category, in the model's order
    items: int  # planned actions in all
    people: int  # people with at least one planned action


def development_mix(*, user, cycle, unit=None):
    """Planned actions by 70/20/10 category for the cycle's year. Two queries: the
    categories, then every count in one pass over the actions (at 20,000 people one
    pass took 36 ms where a grouped query and a total took 69 ms)."""
    categories = list(LearningCategory.objects.order_by("order", "name"))
    people = _people(user=user, cycle=cycle, unit=unit)
    actions = PlanAction.objects.filter(
        objective__plan__year=cycle.year, objective__plan__person_id__in=people
    ).annotate(kind=Coalesce("initiative__category_id", "objective__category_id"))
    planner = "objective__plan__person_id"
    counts = {"items": Count("pk"), "people": Count(planner, distinct=True)}
    for c in categories:
        counts[f"items_{c.pk}"] = Count("pk", filter=Q(kind=c.pk))
        counts[f"people_{c.pk}"] = Count(planner, distinct=True, filter=Q(kind=c.pk))
    found = actions.order_by().aggregate(**counts)
    rows = [MixRow(c, found[f"items_{c.pk}"], found[f"people_{c.pk}"]) for c in categories]
    return Mix(rows, found["items"], found["people"])
