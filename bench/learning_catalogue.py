"""Catalogue search at 2,000 and 20,000 initiatives, beside the floor page.

Run with the other benchmarks (`make bench`, set DATABASE_URL for PostgreSQL),
or alone: `python -m bench.learning_catalogue`. Each size gets a fresh database.
"""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from bench.data import analyze  # noqa: E402
from bench.timing import FLOOR_URL, report  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_LEARNING_SIZES", "2000,20000").split(",")]
WORDS = [
    "mentoring",
    "coaching",
    "shadowing",
    "secondment",
    "leadership",
    "project",
    "network",
    "course",
]


@transaction.atomic
def build_catalogue(size):
    """`size` published initiatives (the shipped ones included), spread over the
    vocabulary, with their search vectors."""
    from learning.browse import catalogue_changed
    from learning.models import GrowthDirection, ImpactLevel, Initiative, LearningCategory
    from learning.search import refresh_vectors

    categories = list(LearningCategory.objects.all())
    directions = list(GrowthDirection.objects.all())
    levels = list(ImpactLevel.objects.all())
    missing = size - Initiative.objects.count()
    made = Initiative.objects.bulk_create(
        (
            Initiative(
                title=f"{WORDS[n % len(WORDS)].capitalize()} initiative {n}",
                summary=f"A {WORDS[(n + 3) % len(WORDS)]} opportunity for staff.",
                description=f"Work on {WORDS[(n + 5) % len(WORDS)]} with colleagues. " * 8,
                category=categories[n % len(categories)],
                format="course",
                status="published",
                tags=WORDS[(n + 1) % len(WORDS)],
            )
            for n in range(missing)
        ),
        batch_size=2000,
    )
    through = Initiative.directions.through
    through.objects.bulk_create(
        (through(initiative_id=i.pk, growthdirection_id=directions[i.pk % 3].pk) for i in made),
        batch_size=5000,
    )
    through = Initiative.levels.through
    through.objects.bulk_create(
        (through(initiative_id=i.pk, impactlevel_id=levels[i.pk % 3].pk) for i in made),
        batch_size=5000,
    )
    refresh_vectors(Initiative.objects.all())
    catalogue_changed()  # bulk writes send no signals


def run_size(size):
    from people.models import Person

    build_catalogue(size)
    analyze()
    person = Person.objects.create_user(
        "learner@trellis.example", "bench-password", given_name="Bench", family_name="Learner"
    )
    staff, anonymous, signed_in = Client(), Client(), Client()
    staff.force_login(person)
    signed_in.force_login(person)
    search_and_filters = "/learning/catalogue/?q=leadership+network&direction=depth&level=proven"
    pages = [
        ("bare page, signed in", signed_in, FLOOR_URL, False),
        ("catalogue, first page", staff, "/learning/catalogue/", False),
        ("catalogue search", staff, "/learning/catalogue/?q=mentoring", False),
        ("search and filters", staff, search_and_filters, False),
        # `cold`: the cache is emptied before each request, so every request
        # computes its counts and page afresh.
        ("first page, cold cache", staff, "/learning/catalogue/", True),
        ("search, cold cache", staff, "/learning/catalogue/?q=mentoring", True),
        ("search and filters, cold", staff, search_and_filters, True),
    ]
    report(f"{size:,} initiatives on {connection.vendor}", pages, anonymous, signed_in)


def run():
    from django.test.utils import setup_databases, teardown_databases

    for size in SIZES:
        old_config = setup_databases(verbosity=0, interactive=False)
        try:
            call_command("migrate", verbosity=0)
            run_size(size)
        finally:
            teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    run()
