"""`make bench`: time Trellis pages against a bare Django page in the same run.

Each page's median time is printed as a ratio to the floor, a bare Django view
with one query and a minimal template, timed in turns with the page (see
bench/timing.py), because this machine's speed drifts from run to run. There
are two floors: the bare page fetched anonymously, and fetched signed in, when
Django itself also reads the session and the person, as it must for every
Trellis page. Set DATABASE_URL to benchmark on PostgreSQL.

Then the page report (bench/pages.py): every GET URL of the resolver at each of
BENCH_PAGE_SIZES people, written to bench/results/pages-<time>.json and .md.
`python -m bench pages` runs the page report alone; `python -m bench --compare
A.json B.json` prints the change between two of them.
"""

import os
import sys
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

from bench.timing import FLOOR_URL, report  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "2000,20000").split(",")]


def fresh_database():
    from django.test.utils import setup_databases, teardown_databases

    return setup_databases(verbosity=0, interactive=False), teardown_databases


def run_size(people):
    from bench.data import analyze, build_organisation, build_team_activity

    manager, hr, directorate = build_organisation(people)
    build_team_activity(manager)
    analyze()
    anonymous, signed_in, manager_client, hr_client = Client(), Client(), Client(), Client()
    signed_in.force_login(manager)
    manager_client.force_login(manager)
    hr_client.force_login(hr)
    pages = [
        ("bare page, signed in", signed_in, FLOOR_URL, False),
        ("home, manager of 40", manager_client, "/", False),
        ("My team, 40 reports", manager_client, "/team/", False),
        ("directorate page, HR", hr_client, f"/organisation/{directorate.pk}/", False),
    ]
    report(f"{people:,} people on {connection.vendor}", pages, anonymous, signed_in)


def run_pages():
    """The page report at each of BENCH_PAGE_SIZES, each in a fresh database."""
    from bench import pages

    print(f"\nEvery page, median of {pages.REPEAT}, at {pages.SIZES} people:", flush=True)
    by_size = {}
    for people in pages.SIZES:
        old_config, teardown = fresh_database()
        try:
            by_size[people] = pages.measure_size(people)
        finally:
            teardown(old_config, verbosity=0)
    report = pages.combine(by_size)
    print(pages.table(report))
    print("\n" + "\n".join(pages.verdict(report)))
    print(f"\nWritten to {pages.write(report)} (and .md)")


def main():
    if sys.argv[1:2] == ["--compare"]:
        from bench.pages_compare import compare

        print("\n".join(compare(*sys.argv[2:4])))
        return
    if sys.argv[1:2] == ["pages"]:
        run_pages()
        return
    print("Trellis benchmarks (ratios are to the floor measured in the same run)")
    for people in SIZES:
        old_config, teardown = fresh_database()
        try:
            call_command("migrate", verbosity=0)
            run_size(people)
        finally:
            teardown(old_config, verbosity=0)
    __import__("bench.learning_catalogue", fromlist=["run"]).run()  # catalogue search
    __import__("bench.appraisal_booklet", fromlist=["run"]).run()  # one full booklet
    __import__("bench.pdf_downloads", fromlist=["run"]).run()  # journal and CPD PDFs
    __import__("bench.appraisal_reports", fromlist=["run"]).run()  # management information
    run_pages()


if __name__ == "__main__":
    main()
