"""Management information for one appraisal cycle, HR signed in, beside the bare page.

For each size (BENCH_REPORT_SIZES, default 100 and 20,000 people): an organisation
from bench/data.py, a closed cycle over all of it with every person's appraisal at
some status, an earlier cycle over the same people, an agreed Scope for Growth
placement for two people in three and a development plan with two objectives of two
actions for every other person. Times the dashboard for the whole cycle and for one
directorate, warm (the figures cached, docs/adr/0034) and cold (the cache emptied
before each request, as after any change), the overdue list and completion by
appraiser, each as a ratio to the bare signed-in page timed alongside
(bench/timing.py). Run with `make bench`, or alone: `python -m bench.appraisal_reports`;
set DATABASE_URL to run on PostgreSQL."""

import os
import sys
from datetime import date
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from bench.timing import FLOOR_URL, report  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_REPORT_SIZES", "100,20000").split(",")]


@transaction.atomic
def build_cycles(hr):
    """A cycle over the whole organisation, closed (so overdue counts), and the one
    before it; each person's appraiser is the first person of their team."""
    from appraisals.models import Appraisal, AppraisalCycle
    from people.models import OrganisationUnit, Person

    org = OrganisationUnit.objects.get(depth=1)
    statuses = list(Appraisal.Status)
    pays = [value for value, _ in Appraisal.PayProgression.choices]
    people = list(Person.objects.exclude(pk=hr.pk).order_by("unit_id", "pk"))
    first_of_team = {}
    for person in people:
        first_of_team.setdefault(person.unit_id, person)
    current = None
    for year in (2024, 2025):
        cycle = AppraisalCycle.objects.create(
            name=f"Appraisals {year} to {year + 1}", year=year, opens_on=date(year, 4, 1),
            closes_on=date(year + 1, 3, 31), status=AppraisalCycle.Status.OPEN,
        )  # fmt: skip
        cycle.units.add(org)
        Appraisal.objects.bulk_create(
            [
                Appraisal(
                    cycle=cycle,
                    person=person,
                    appraiser=first_of_team[person.unit_id],
                    status=statuses[n % len(statuses)],
                    pay_progression=pays[n % len(pays)],
                )
                for n, person in enumerate(people)
            ],  # fmt: skip
            batch_size=2000,
        )
        current = cycle
    return current


@transaction.atomic
def build_careers(cycle):
    """Agreed placements and development plans for the cycle's year, in bulk."""
    from careers.models import DevelopmentPlan, Objective, Placement, PlanAction
    from learning.models import GrowthDirection, ImpactLevel, LearningCategory
    from people.models import Person

    levels, directions = list(ImpactLevel.objects.all()), list(GrowthDirection.objects.all())
    categories = list(LearningCategory.objects.all())
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    Placement.objects.bulk_create(
        [
            Placement(
                person_id=pk,
                year=cycle.year,
                level=levels[n % len(levels)],
                direction=directions[n // 3 % len(directions)],
                evidence="Bench",
                target_level=levels[-1],
                target_direction=directions[0],
                target_reason="Bench",
                status=Placement.Status.AGREED,
                proposed_by_id=pk,
            )  # fmt: skip
            for n, pk in enumerate(people)
            if n % 3
        ],
        batch_size=2000,
    )
    plans = DevelopmentPlan.objects.bulk_create(
        [DevelopmentPlan(person_id=pk, year=cycle.year) for pk in people[::2]], batch_size=2000
    )
    objectives = Objective.objects.bulk_create(
        [
            Objective(
                plan=plan,
                term="short",
                what="Grow",
                why="Bench",
                direction=directions[n % len(directions)],
                category=categories[n % len(categories)],
                target_date=cycle.closes_on,
                success_measure="Bench",
            )  # fmt: skip
            for plan in plans
            for n in range(2)
        ],
        batch_size=2000,
    )
    PlanAction.objects.bulk_create(
        [PlanAction(objective=o, text=f"Step {n}") for o in objectives for n in range(2)],
        batch_size=2000,
    )
    from appraisals.reports import stamp

    stamp.cycle_changed(cycle)


def run_size(people):
    from bench.data import analyze, build_organisation

    _, hr, directorate = build_organisation(people)
    cycle = build_cycles(hr)
    build_careers(cycle)
    analyze()
    anonymous, signed_in, hr_client = Client(), Client(), Client()
    signed_in.force_login(hr)
    hr_client.force_login(hr)
    base = f"/appraisals/cycles/{cycle.pk}/reports/"
    pages = [
        ("bare page, signed in", signed_in, FLOOR_URL, False),
        ("cycle page (for comparison)", hr_client, f"/appraisals/cycles/{cycle.pk}/", False),
        ("MI dashboard, whole cycle", hr_client, base, False),
        ("MI dashboard, directorate", hr_client, f"{base}?unit={directorate.pk}", False),
        ("MI dashboard, cold cache", hr_client, base, True),
        ("MI directorate, cold cache", hr_client, f"{base}?unit={directorate.pk}", True),
        ("MI overdue list", hr_client, f"{base}overdue/", False),
        ("MI by appraiser", hr_client, f"{base}appraisers/", False),
    ]
    report(f"Management information, {people:,} people on {connection.vendor}", pages,
           anonymous, signed_in)  # fmt: skip


def run():
    from django.test.utils import setup_databases, teardown_databases

    for people in SIZES:
        old_config = setup_databases(verbosity=0, interactive=False)
        try:
            call_command("migrate", verbosity=0)
            run_size(people)
        finally:
            teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    run()
