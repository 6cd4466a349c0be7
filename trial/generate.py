"""A realistic organisation of any size and number of years, for benchmarks and trials.

`generate(people=20000, years=5, seed=1)` writes, in one transaction and with bulk
inserts only, an organisation shaped like issue 18's large trust: units 5 levels deep,
line managers with 4 to 15 reports, HR people with scopes, LED people, and for every
year journals, conversations, placements, plans, CPD entries, evaluations, an
appraisal cycle and the read audit of who opened whose records. Counts scale linearly
with people and years. The same seed gives the same organisation. History rows
(django-simple-history) are not written for generated rows; see
docs/adr/0039-generated-organisation.md.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from careers.journal.services import appraisal_year
from people.models import Person

from . import appraisals, audit, careers, learning, org

TRUST_NAME = "Trellis Trial NHS Trust"


class NotEmpty(Exception):
    """The database already holds people: a trial organisation is written only into
    an empty one, so nobody real is ever mixed with generated people."""


@dataclass
class Step:
    model: str
    rows: int
    seconds: float


@dataclass
class Result:
    """What was written: a Step for each model, the sign-in accounts and the total time."""

    steps: list = field(default_factory=list)
    accounts: list = field(default_factory=list)  # (role, email, name)
    seconds: float = 0.0

    def table(self):
        lines = [f"  {'model':<22} {'rows':>10} {'seconds':>9}"]
        lines += [f"  {s.model:<22} {s.rows:>10,} {s.seconds:>9.2f}" for s in self.steps]
        total = sum(s.rows for s in self.steps)
        lines.append(f"  {'total':<22} {total:>10,} {self.seconds:>9.2f}")
        return "\n".join(lines)


class _Timer:
    def __init__(self, result):
        self.result, self.start = result, time.perf_counter()

    def done(self, **rows_by_model):
        """Record the time since the last step, shared among the models written."""
        now = time.perf_counter()
        total = sum(len(rows) for rows in rows_by_model.values()) or 1
        for model, rows in rows_by_model.items():
            share = (now - self.start) * len(rows) / total
            self.result.steps.append(Step(model, len(rows), share))
        self.start = now


def generate(*, people=2000, years=3, seed=1, depth=5, password=None, today=None):
    """Write the organisation into an empty database and return a Result.

    In: `people` (at least 10), `years` of records ending with the current appraisal
    year (at least 1), `seed` for the random choices, `depth` of the unit tree (2 to 7),
    `password` for the named sign-in accounts (None: every person's password is
    unusable and no account can sign in), `today` (default the local date).
    Raises NotEmpty if any Person exists and ValueError for sizes out of range. On
    PostgreSQL the planner's statistics are then refreshed (ANALYZE), and the time
    reported includes it.
    """
    if people < 10 or years < 1 or not 2 <= depth <= 7:
        raise ValueError("Use at least 10 people, 1 year and a depth of 2 to 7.")
    if Person.objects.exists():
        raise NotEmpty("The database already has people in it. Generate into an empty one.")
    today = today or timezone.localdate()
    current = appraisal_year(today)
    year_list = list(range(current - years + 1, current + 1))
    rng = random.Random(seed)
    result = Result()
    started = time.perf_counter()
    with transaction.atomic():
        _write(rng, result, people, year_list, depth, password, today)
    _refresh_statistics()
    result.seconds = time.perf_counter() - started
    return result


def _refresh_statistics():
    """ANALYZE on PostgreSQL (nothing elsewhere): the planner's statistics for the rows
    just written, as autovacuum would gather them soon after in a live database, and
    never where it is off. Without them PostgreSQL plans against tables it takes for
    empty: the home page's lapsed-shares query read every shared journal section at
    2,000 people (0.21 ms) instead of the person's own (0.05 ms)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _write(rng, result, people, year_list, depth, password, today):
    timer = _Timer(result)
    units = org.plan_units(people, depth, TRUST_NAME)
    rows = org.insert_units(units)
    timer.done(OrganisationUnit=rows)
    first_start = date(year_list[0], 4, 1)
    o = org.insert_people(rng, units, people, first_start, today)
    timer.done(Person=o.people)
    accounts = _sign_in_accounts(o, password)
    timer.done(**{"sign-in accounts": [p for _, p in accounts]})
    result.accounts = [(role, p.email, p.full_name) for role, p in accounts]
    keep = [
        (p.pk, year_list[-1]) for role, p in accounts if role in ("Staff member", "Line manager")
    ]

    initiatives, links, published = learning.insert_initiatives(rng, people, [p.pk for p in o.led])
    timer.done(Initiative=initiatives, InitiativeLinks=links)
    person_years = [
        (p.pk, year)
        for year in year_list
        for p in o.people
        if p.date_joined.date() < date(year + 1, 3, 31)
    ]
    entries, evaluations, outcomes = learning.insert_cpd(
        rng, person_years, o.managers, published, today
    )
    timer.done(CPDEntry=entries, Evaluation=evaluations, OutcomeAnswer=outcomes)

    current = year_list[-1]
    journals, states, answers = careers.insert_journals(
        rng, person_years, o.managers, current, today, keep
    )
    timer.done(Journal=journals, SectionState=states, Answer=answers)
    conversations, placements, events = careers.insert_placements(
        rng, journals, o.managers, current, keep
    )
    timer.done(Conversation=conversations, Placement=placements, PlacementEvent=events)
    plans = careers.insert_plans(rng, placements, o.managers, published, current, today, keep)
    timer.done(**plans)
    cycles = appraisals.insert_cycles(rng, year_list, o.root.row, o.people, o.hr[0], today)
    timer.done(**cycles)
    reads = audit.insert_record_views(rng, person_years, o.managers, o.hr, journals, today)
    timer.done(RecordView=range(reads))


def _sign_in_accounts(o, password):
    """The people who may sign in, one for each role, with `password`; and an
    administrator. None: no accounts (everyone's password stays unusable)."""
    if password is None:
        return []
    managed = {pk for pk in o.managers.values() if pk}
    staff = next(p for p in o.members if p.line_manager_id in managed)
    leader = next(p for p in o.team_leaders if p.pk in managed)
    chosen = [
        ("Staff member", staff),
        ("Line manager", leader),
        ("HR", o.hr[0]),
        ("LED team", o.led[0]),
    ]
    admin = Person(
        email=f"admin@{org.DOMAIN}",
        given_name="Trial",
        family_name="Administrator",
        is_staff=True,
        is_superuser=True,
    )
    admin.save()
    chosen.append(("Administrator", admin))
    hashed = make_password(password)  # one hash (each costs about a second) for all
    for _, person in chosen:
        person.password = hashed
    Person.objects.bulk_update([p for _, p in chosen], ["password"])
    return chosen
