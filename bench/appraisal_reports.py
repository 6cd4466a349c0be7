"""Management information for one appraisal cycle, HR signed in, beside the bare page.

For each size (BENCH_REPORT_SIZES, default 100 and 2,000 people): an organisation
from bench/data.py, a closed cycle over all of it with every person's appraisal at
some status, and an earlier cycle over the same people. Times the dashboard for the
whole cycle and for one directorate, the overdue list and completion by appraiser,
each as a ratio to the bare signed-in page timed alongside (bench/timing.py). Run with
`make bench`, or alone: `python -m bench.appraisal_reports`."""

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

SIZES = [int(s) for s in os.environ.get("BENCH_REPORT_SIZES", "100,2000").split(",")]


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


def run_size(people):
    from bench.data import build_organisation

    _, hr, directorate = build_organisation(people)
    cycle = build_cycles(hr)
    anonymous, signed_in, hr_client = Client(), Client(), Client()
    signed_in.force_login(hr)
    hr_client.force_login(hr)
    base = f"/appraisals/cycles/{cycle.pk}/reports/"
    pages = [
        ("bare page, signed in", signed_in, FLOOR_URL, False),
        ("cycle page (for comparison)", hr_client, f"/appraisals/cycles/{cycle.pk}/", False),
        ("MI dashboard, whole cycle", hr_client, base, False),
        ("MI dashboard, directorate", hr_client, f"{base}?unit={directorate.pk}", False),
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
