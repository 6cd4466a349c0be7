"""Catalogue search at 2,000 and 20,000 initiatives, beside the floor page.

Run with the other benchmarks (`make bench`, set DATABASE_URL for PostgreSQL),
or alone: `python -m bench.learning_catalogue`. Each size gets a fresh database.
"""

import os
import statistics
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
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


def median_ms(client, url, cold=False):
    """The median time of `url`; `cold` empties the cache before each request, so
    every request computes its counts and page afresh."""
    client.get(url)  # warm caches and connections
    times = []
    for _ in range(REPEAT):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)


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
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    person = Person.objects.create_user(
        "learner@trellis.example", "bench-password", given_name="Bench", family_name="Learner"
    )
    staff = Client()
    staff.force_login(person)
    signed_in_floor = Client()
    signed_in_floor.force_login(person)
    search_and_filters = "/learning/catalogue/?q=leadership+network&direction=depth&level=proven"
    pages = [
        ("floor (bare Django page)", Client(), "/bench/floor/", False),
        # The same bare page for a signed-in person: the session read and saved
        # (SESSION_SAVE_EVERY_REQUEST) and the person loaded, as on every Trellis page.
        ("floor, signed in", signed_in_floor, "/bench/floor/", False),
        ("catalogue, first page", staff, "/learning/catalogue/", False),
        ("catalogue search", staff, "/learning/catalogue/?q=mentoring", False),
        ("search and filters", staff, search_and_filters, False),
        ("first page, cold cache", staff, "/learning/catalogue/", True),
        ("search, cold cache", staff, "/learning/catalogue/?q=mentoring", True),
        ("search and filters, cold", staff, search_and_filters, True),
    ]
    results = [(name, *median_ms(client, url, cold)) for name, client, url, cold in pages]
    floor, signed_in = results[0][1], results[1][1]
    print(f"\n{size:,} initiatives on {connection.vendor}, median of {REPEAT}:")
    print(f"  {'':<28} {'':>7}     {'floor':>11}  {'signed-in floor':>15}")
    for name, ms, queries in results:
        print(
            f"  {name:<28} {ms:7.2f} ms  {ms / floor:6.2f}x floor  {ms / signed_in:6.2f}x "
            f"signed in  {queries:3d} queries"
        )


def run():
    from django.test.utils import setup_databases, teardown_databases

    print("\nLearning catalogue (ratios are to the floor measured in the same run)")
    for size in SIZES:
        old_config = setup_databases(verbosity=0, interactive=False)
        try:
            call_command("migrate", verbosity=0)
            run_size(size)
        finally:
            teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    run()
