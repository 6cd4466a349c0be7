"""`make bench`: time Trellis pages against a bare Django page in the same run.

Each page's median time is printed as a ratio to the floor (a bare view with
one query and a minimal template), because this machine's speed drifts from
run to run. Set DATABASE_URL to benchmark on PostgreSQL.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
(ROOT / "bench" / "results").mkdir(exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "2000,20000").split(",")]


def median_ms(client, url):
    client.get(url)  # warm caches and connections
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)


def fresh_database():
    from django.test.utils import setup_databases, teardown_databases

    return setup_databases(verbosity=0, interactive=False), teardown_databases


def run_size(people):
    from bench.data import build_organisation, build_team_activity

    manager, hr, directorate = build_organisation(people)
    build_team_activity(manager)
    floor_client = Client()
    manager_client, hr_client = Client(), Client()
    manager_client.force_login(manager)
    hr_client.force_login(hr)
    pages = [
        ("floor (bare Django page)", floor_client, "/bench/floor/"),
        ("floor, signed in", manager_client, "/bench/floor/"),
        ("home, manager of 40", manager_client, "/"),
        ("My team, 40 reports", manager_client, "/team/"),
        ("directorate page, HR", hr_client, f"/organisation/{directorate.pk}/"),
    ]
    results = [(name, *median_ms(client, url)) for name, client, url in pages]
    floor = results[0][1]
    print(f"\n{people:,} people on {connection.vendor}, median of {REPEAT}:")
    for name, ms, queries in results:
        print(f"  {name:<28} {ms:7.2f} ms  {ms / floor:5.2f}x floor  {queries:3d} queries")


def main():
    print("Trellis benchmarks (ratios are to the floor measured in the same run)")
    for people in SIZES:
        old_config, teardown = fresh_database()
        try:
            call_command("migrate", verbosity=0)
            run_size(people)
        finally:
            teardown(old_config, verbosity=0)
    __import__("bench.learning_catalogue", fromlist=["run"]).run()  # catalogue search


if __name__ == "__main__":
    main()
