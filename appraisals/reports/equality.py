"""The equality view's figures: for one cycle and unit, how far appraisals have got,
each person's agreed Scope for Growth placement and pay-progression outcomes, split by
ethnic group, disability, sex and age band (docs/adr/0033-equality-view.md).

The answers come from people.EqualityInformation, which a person gives about
themselves; only counts leave this module, and presenters hide small ones
(learning/disclosure.py). Counted as the dashboard counts (docs/adr/0030): the cycle's
appraisals except those closed as left, for people now in the unit's subtree.

One grouped query at any size: the appraisals grouped by the four answers at once
(at most 7 x 4 x 4 x 8 rows), each split added up in Python; and one each for the
Scope for Growth levels and directions."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Case, CharField, Count, F, FilteredRelation, Q, Value, When

from careers.models import Placement
from learning.models import GrowthDirection, ImpactLevel
from people.equality.models import (
    ETHNIC_CATEGORIES,
    ETHNIC_GROUPS,
    ETHNICITY_NOT_STATED,
    PREFER_NOT,
    PREFER_NOT_LABEL,
    EqualityInformation,
)

from ..appraisal.dates import year_bounds
from ..models import Appraisal
from . import services

Status = Appraisal.Status
NOT_GIVEN, NOT_GIVEN_LABEL = "not_given", "Not given"
NO_PLACEMENT, NO_PLACEMENT_LABEL = "none", "No agreed placement"

# Age bands as NHS workforce statistics (ESR, WRES) count them: (key, label, lowest age).
AGE_BANDS = [("under_25", "Under 25", 0), ("25_34", "25 to 34", 25), ("35_44", "35 to 44", 35),
             ("45_54", "45 to 54", 45), ("55_64", "55 to 64", 55),
             ("65_over", "65 and over", 65)]  # fmt: skip

_ANSWERS = "person__equality_information__"


def _groups(*pairs):
    return [*pairs, (PREFER_NOT, PREFER_NOT_LABEL), (NOT_GIVEN, NOT_GIVEN_LABEL)]


@dataclass
class Split:
    """One way of splitting people: its key, its name, and its groups in order."""

    key: str
    name: str
    groups: list


def splits():
    """The four splits, each group of each in page order (prefer not to say, then not
    given, last)."""
    info = EqualityInformation
    return [
        Split("ethnicity", "Ethnic group", _groups(*ETHNIC_GROUPS)),
        Split("disability", "Disability", _groups(*info.Disability.choices[:2])),
        Split("sex", "Sex", _groups(*info.Sex.choices[:2])),
        Split("age", "Age band", _groups(*[(key, label) for key, label, _ in AGE_BANDS])),
    ]


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_band_on(day, date_of_birth):
    """The AGE_BANDS key of someone born on `date_of_birth`, on `day`."""
    for key, _, lowest in reversed(AGE_BANDS):
        if date_of_birth <= _years_before(day, lowest):
            return key
    return AGE_BANDS[0][0]


def _ethnic_group():
    by_group = {}
    for code, _, group in ETHNIC_CATEGORIES:
        by_group.setdefault(group, []).append(code)
    return Case(
        *[When(**{f"{_ANSWERS}ethnicity__in": codes}, then=Value(group))
          for group, codes in by_group.items()],
        When(**{f"{_ANSWERS}ethnicity": ETHNICITY_NOT_STATED}, then=Value(PREFER_NOT)),
        default=Value(NOT_GIVEN), output_field=CharField(),
    )  # fmt: skip


def _answered(name):
    """The answer to `name`, or NOT_GIVEN for a blank one or no answers at all."""
    given = Q(**{f"{_ANSWERS}{name}__isnull": True}) | Q(**{f"{_ANSWERS}{name}": ""})
    return Case(When(given, then=Value(NOT_GIVEN)), default=F(f"{_ANSWERS}{name}"),
                output_field=CharField())  # fmt: skip


def _age_band(start):
    """The age band on `start` (the first day of the cycle's appraisal year)."""
    born = f"{_ANSWERS}date_of_birth"
    whens = [When(**{f"{born}__lte": _years_before(start, lowest)}, then=Value(key))
             for key, _, lowest in reversed(AGE_BANDS)]  # fmt: skip
    return Case(
        When(**{f"{_ANSWERS}date_of_birth_withheld": True}, then=Value(PREFER_NOT)),
        When(**{f"{born}__isnull": True}, then=Value(NOT_GIVEN)),
        *whens, default=Value(AGE_BANDS[0][0]), output_field=CharField(),
    )  # fmt: skip


def vocabulary():
    """(levels, directions): the Scope for Growth terms in framework order, as
    (key, label) with "No agreed placement" last. Two queries."""

    def terms(model, prefix):
        found = model.objects.order_by("order", "name").values_list("pk", "name")
        return [(f"{prefix}_{pk}", name) for pk, name in found]

    levels, directions = terms(ImpactLevel, "level"), terms(GrowthDirection, "direction")
    return ([*levels, (f"level_{NO_PLACEMENT}", NO_PLACEMENT_LABEL)],
            [*directions, (f"direction_{NO_PLACEMENT}", NO_PLACEMENT_LABEL)])  # fmt: skip


PAY = [(f"pay_{value or 'none'}", label) for value, label in Appraisal.PayProgression.choices]
STATUS = [(name, label) for name, label in services.SHARES]


@dataclass
class EqualityFigures:
    """For each split, {group key: {column key: count}}; `total` for everyone counted.
    Columns: "counted", the four status shares, each level and direction key (and
    "No agreed placement") and each pay-progression outcome."""

    splits: list
    levels: list
    directions: list
    by_split: dict = field(default_factory=dict)
    total: dict = field(default_factory=dict)

    @property
    def families(self):
        """The column families, each adding up to "counted" in every row."""
        return [[k for k, _ in STATUS], [k for k, _ in self.levels],
                [k for k, _ in self.directions], [k for k, _ in PAY]]  # fmt: skip

    @property
    def columns(self):
        return ["counted", *(key for family in self.families for key in family)]


def figures(*, user, cycle, unit=None):
    """The counts for `cycle`'s appraisals of people now in `unit`'s subtree (or in the
    cycle's scope), as `user` may count them (appraisals/access.py). Three queries."""
    levels, directions = vocabulary()
    start = year_bounds(cycle.year)[0]
    submitted = Case(
        When(manager_submitted_at__isnull=False, then=F("pay_progression")),
        default=Value(Appraisal.PayProgression.NOT_DECIDED),
    )
    counts = {
        "counted": Count("pk"),
        "not_started": Count("pk", filter=Q(status=Status.NOT_STARTED)),
        "in_progress": Count("pk", filter=Q(status__in=services.IN_PROGRESS)),
        "awaiting": Count("pk", filter=Q(status__in=services.AWAITING)),
        "complete": Count("pk", filter=Q(status=Status.COMPLETE)),
        **{key: Count("pk", filter=Q(placement__level_id=int(key[6:])))
           for key, _ in levels[:-1]},
        f"level_{NO_PLACEMENT}": Count("pk", filter=Q(placement__level_id__isnull=True)),
        **{key: Count("pk", filter=Q(placement__direction_id=int(key[10:])))
           for key, _ in directions[:-1]},
        f"direction_{NO_PLACEMENT}": Count("pk", filter=Q(placement__direction_id__isnull=True)),
        **{f"pay_{value or 'none'}": Count("pk", filter=Q(outcome=value))
           for value, _ in Appraisal.PayProgression.choices},
    }  # fmt: skip
    rows = (
        services.appraisals_in_scope(user=user, cycle=cycle, unit=unit)
        .exclude(status=Status.LEFT)
        .order_by()
        .annotate(
            placement=FilteredRelation("person__placements", condition=Q(
                person__placements__year=cycle.year,
                person__placements__status=Placement.Status.AGREED)),
            outcome=submitted,
            ethnicity=_ethnic_group(),
            disability=_answered("disability"),
            sex=_answered("sex"),
            age=_age_band(start),
        )
        .values("ethnicity", "disability", "sex", "age")
        .annotate(**counts)
    )  # fmt: skip
    found = EqualityFigures(splits(), levels, directions)
    columns = found.columns
    found.total = dict.fromkeys(columns, 0)
    for split in found.splits:
        found.by_split[split.key] = {key: dict.fromkeys(columns, 0) for key, _ in split.groups}
    for row in rows:
        for name in columns:
            found.total[name] += row[name]
        for split in found.splits:
            group = found.by_split[split.key].get(row[split.key])
            if group is None:  # an answer no longer offered counts as not given
                group = found.by_split[split.key][NOT_GIVEN]
            for name in columns:
                group[name] += row[name]
    return found


SECONDS = 60 * 60


def cached(*, user, cycle, unit=None, key):
    """`figures()` kept in Django's cache under `key` (reports/figures.py's
    `cache_key`: the cycle's figures stamp, which equality answers renew too, the unit,
    the reader's scope and the date), counted when missing."""
    key = f"{key}:equality"
    found = cache.get(key)
    if found is None:
        found = figures(user=user, cycle=cycle, unit=unit)
        cache.set(key, found, SECONDS)
    return found


def day_of_age(cycle):
    """The day ages are counted on: the first day of the cycle's appraisal year."""
    return year_bounds(cycle.year)[0]
