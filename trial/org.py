"""The organisation tree and its people, written with bulk inserts.

Units are built in memory with their django-treebeard materialised paths (steplen
4, siblings in name order, as `node_order_by` keeps them), then inserted in one
bulk_create: treebeard's own `add_child` costs several queries a unit. People
are inserted level by level, leaders first, so each row's line manager already
has its key and no row is updated afterwards.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from people.identity import normalise_email
from people.models import HRScope, OrganisationUnit, Person
from people.roles import HR_GROUP, LED_GROUP

from . import words

DOMAIN = "trellis.example"
PEOPLE_PER_TEAM = 21  # about 1,100 units at 20,000 people, 5 levels deep
# Children per parent, from the level above the teams upwards.
BRANCHING = (6, 5, 4, 4, 4, 4)
REPORTS_PER_LEADER = 12  # a team larger than 15 gets deputies, so at most 15 reports each
BATCH = 2000


@dataclass
class Unit:
    name: str
    kind: str
    depth: int
    path: str
    children: list = field(default_factory=list)
    leader: Person | None = None
    row: OrganisationUnit | None = None


@dataclass
class Organisation:
    """What the later steps need: the units, the people and who does what."""

    units: list
    root: Unit
    people: list  # every generated Person, leaders first
    managers: dict  # person pk -> line manager pk (None at the top)
    hr: list
    led: list
    team_leaders: list
    members: list  # people in teams who lead nobody


def _kind(depth, deepest):
    Kind = OrganisationUnit.Kind
    if depth == 1:
        return Kind.ORGANISATION
    if depth == deepest:
        return Kind.TEAM
    return Kind.DIRECTORATE if depth == 2 else Kind.DEPARTMENT


def _name(depth, deepest, n, parent):
    if depth == 2:
        base = words.DIRECTORATES[n % len(words.DIRECTORATES)]
        return (
            base if n < len(words.DIRECTORATES) else f"{base} {n // len(words.DIRECTORATES) + 1}"
        )
    if depth == deepest:
        return f"{parent.name.split(',')[0]}, {words.TEAMS[n % len(words.TEAMS)]} {n + 1}"
    if depth == 3:
        return f"{words.DIVISIONS[n % len(words.DIVISIONS)]} {parent.name} {n + 1}"
    return f"{words.DEPARTMENTS[n % len(words.DEPARTMENTS)]} {n + 1}"


def plan_units(people, depth, trust_name):
    """The unit tree for `people` people, `depth` levels deep (2 or more): a list of
    Unit, parents before children, with valid paths and depths."""
    counts = [max(1, round(people / PEOPLE_PER_TEAM))]  # the teams
    for level in range(depth - 2):
        counts.insert(0, math.ceil(counts[0] / BRANCHING[level]))
    root = Unit(
        trust_name, OrganisationUnit.Kind.ORGANISATION, 1, OrganisationUnit._get_path(None, 1, 1)
    )
    units, parents = [root], [root]
    for depth_here, count in enumerate(counts, start=2):
        children = [[] for _ in parents]
        for n in range(count):
            children[n % len(parents)].append(n)
        level = []
        for parent, numbers in zip(parents, children, strict=True):
            made = [
                Unit(_name(depth_here, depth, n, parent), _kind(depth_here, depth), depth_here, "")
                for n in numbers
            ]
            made.sort(key=lambda unit: unit.name)  # node_order_by = ["name"]
            for step, unit in enumerate(made, start=1):
                unit.path = OrganisationUnit._get_path(parent.path, depth_here, step)
            parent.children = made
            level.extend(made)
        units.extend(level)
        parents = level
    return units


def insert_units(units):
    rows = [
        OrganisationUnit(
            name=u.name, kind=u.kind, depth=u.depth, path=u.path, numchild=len(u.children)
        )
        for u in units
    ]
    OrganisationUnit.objects.bulk_create(rows, batch_size=BATCH)
    for unit, row in zip(units, rows, strict=True):
        unit.row = row
    return rows


class _People:
    """Makes Person rows with distinct names, addresses and ESR numbers."""

    def __init__(self, rng, first_year_start, today):
        self.rng, self.n = rng, 0
        self.first_year_start, self.today = first_year_start, today
        self.unusable = make_password(None)

    def make(self, unit, manager, role):
        rng, n = self.rng, self.n
        self.n += 1
        given, family = rng.choice(words.GIVEN), rng.choice(words.FAMILY)
        title, band, group = role
        local = "".join(c for c in f"{given}.{family}" if c.isalnum() or c == ".")
        employee = str(20000000 + n)
        # ESR: the first assignment carries the employee number, a second one "-2";
        # a few new starters are not in ESR yet.
        numbers = rng.random()
        joined = self.first_year_start - timedelta(days=rng.randint(30, 7000))
        if rng.random() < 0.2:  # joined during the years generated
            span = max(1, (self.today - self.first_year_start).days)
            joined = self.first_year_start + timedelta(days=rng.randint(0, span))
        return Person(
            email=normalise_email(f"{local}.{n}@{DOMAIN}"),
            given_name=given,
            family_name=family,
            job_title=title.format(name=unit.name),
            pay_band=band,
            staff_group=group,
            employee_number=employee if numbers > 0.02 else None,
            assignment_number=(f"{employee}-2" if numbers > 0.95 else employee)
            if numbers > 0.02
            else None,
            unit=unit.row,
            line_manager=manager,
            password=self.unusable,
            date_joined=timezone.make_aware(datetime.combine(joined, datetime.min.time())),
        )


def _insert(rows):
    Person.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def _split(rest, leader, make_deputy):
    """Line managers for a team's `rest` members under `leader`: deputies when the
    team is larger than 15, so nobody has more than about 15 reports."""
    groups = math.ceil(len(rest) / REPORTS_PER_LEADER) if len(rest) > 15 else 1
    deputies = [make_deputy(person) for person in rest[: groups - 1]]
    others = rest[groups - 1 :]
    heads = [leader, *deputies]
    return deputies, [(person, heads[n % len(heads)]) for n, person in enumerate(others)]


def insert_people(rng, units, people, first_year_start, today):
    """Every unit's leader, then each team's members, `people` in all. Returns an
    Organisation."""
    maker = _People(rng, first_year_start, today)
    deepest = max(u.depth for u in units)
    by_depth = {}
    for unit in units:
        by_depth.setdefault(unit.depth, []).append(unit)
    parent_of = {child.path: unit for unit in units for child in unit.children}
    managers, everyone = {}, []
    for depth in range(1, deepest + 1):
        rows = []
        for unit in by_depth[depth]:
            boss = parent_of[unit.path].leader if depth > 1 else None
            role = words.LEADERS[5 if depth == deepest else min(depth, 4)]
            unit.leader = maker.make(unit, boss, role)
            rows.append(unit.leader)
        everyone += _insert(rows)
    team_leaders = [u.leader for u in by_depth[deepest]]
    left = max(0, people - len(everyone))
    teams = by_depth[deepest]
    members = []
    for n, team in enumerate(teams):
        size = left // len(teams) + (1 if n < left % len(teams) else 0)
        members.append([maker.make(team, None, rng.choice(words.ROLES)) for _ in range(size)])
    deputy_rows, member_rows = [], []
    for team, rest in zip(teams, members, strict=True):

        def deputy(person, team=team):
            person.job_title, person.pay_band, person.staff_group = words.DEPUTY
            person.line_manager = team.leader
            return person

        deputies, pairs = _split(rest, team.leader, deputy)
        deputy_rows += deputies
        for person, head in pairs:
            person.line_manager = head
            member_rows.append(person)
    everyone += _insert(deputy_rows)  # deputies first: members point at them
    everyone += _insert(member_rows)
    for person in everyone:
        managers[person.pk] = person.line_manager_id
    hr, led = _grant_roles(rng, units, member_rows)
    plain = [p for p in member_rows if p not in hr and p not in led]
    return Organisation(
        units, units[0], everyone, managers, hr, led, team_leaders + deputy_rows, plain
    )


def _grant_roles(rng, units, members):
    """HR people (one for the whole organisation, the rest each for a directorate) and
    LED people, taken from team members and given a fitting title."""
    directorates = [u for u in units if u.depth == 2] or [units[0]]
    hr_count = max(2, len(members) // 2000 + 1)
    led_count = max(1, len(members) // 2500)
    chosen = rng.sample(members, min(len(members), hr_count + led_count))
    hr, led = chosen[:hr_count], chosen[hr_count:]
    for person in hr:
        person.job_title, person.pay_band, person.staff_group = "HR Business Partner", "7", "admin"
    for person in led:
        person.job_title = "Learning and Development Lead"
        person.pay_band, person.staff_group = "7", "admin"
    Person.objects.bulk_update(chosen, ["job_title", "pay_band", "staff_group"], batch_size=BATCH)
    through = Person.groups.through
    hr_group, led_group = Group.objects.get(name=HR_GROUP), Group.objects.get(name=LED_GROUP)
    through.objects.bulk_create(
        [through(person_id=p.pk, group_id=hr_group.pk) for p in hr]
        + [through(person_id=p.pk, group_id=led_group.pk) for p in led]
    )
    scopes = [HRScope(person=hr[0], unit=units[0].row)]
    scopes += [
        HRScope(person=person, unit=directorates[n % len(directorates)].row)
        for n, person in enumerate(hr[1:])
    ]
    HRScope.objects.bulk_create(scopes)
    return hr, led
