"""HR's bulk booklet export run by real workers: throughput with one and with two
`manage.py run_worker` processes, and each worker's peak memory counting its rendering
children (docs/adr/0031-bulk-booklet-exports.md).

Builds BENCH_EXPORT_PEOPLE people (50) in one team, each with a draft appraisal written
in full, in a database of its own (bench/results/export.sqlite3; set DATABASE_URL for
PostgreSQL), then for 1 and 2 workers: asks for the team's booklets, starts the workers
in batch mode (they exit when the queue is empty) and samples every 0.2 s the resident
size of each worker plus its children (/proc). Prints booklets a second, the ratio of
two workers to one, and the peak in the first and second half of each run (memory
that grew with the booklets made would show in the second). BENCH_EXPORT_WORKERS
("1,2") chooses the runs. Run alone: `python -m bench.booklet_export`
(not part of `make bench`: it takes minutes)."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    os.environ.setdefault("DATABASE_URL", "sqlite:///bench/results/export.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

PEOPLE = int(os.environ.get("BENCH_EXPORT_PEOPLE", "50"))
CHUNK = int(os.environ.get("BENCH_EXPORT_CHUNK", "5"))
WORKERS = [int(n) for n in os.environ.get("BENCH_EXPORT_WORKERS", "1,2").split(",")]


def build():
    from appraisals.models import OrganisationValue, RatingLevel
    from people.models import OrganisationUnit, Person
    from tests.factories import PersonFactory
    from tests.factories_booklet import appraisal_for, cycle_for, fill

    org = OrganisationUnit.objects.add_root({"name": "Bench Trust", "kind": "organisation"})
    team = OrganisationUnit.objects.add_child(org, {"name": "Bench Team", "kind": "team"})
    hr = PersonFactory(unit=org, hr=True, email="hr@bench.example")
    hr.hr_scopes.create(unit=org)
    manager = Person.objects.create_user(email="lead@bench.example", given_name="Lee",
                                         family_name="Dunn", unit=team)  # fmt: skip
    if not RatingLevel.objects.exists():
        RatingLevel.objects.create(name="Meets", order=1)
    assert OrganisationValue.objects.exists()
    cycle = cycle_for(team, name="Bench cycle")
    for n in range(PEOPLE):
        person = Person.objects.create_user(
            email=f"p{n}@bench.example", given_name=f"Given{n}", family_name=f"Family{n}",
            unit=team, line_manager=manager, assignment_number=f"{10000000 + n}",
        )  # fmt: skip
        fill(appraisal_for(person, cycle=cycle), objectives=4, reviews=3)
    return hr, cycle, team


def tree_rss_kb(pid):
    """Resident size of `pid` and every process below it, in kB (0 once it has gone)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
        todo.extend(children.get(current, []))
    return total


def run_export(workers, hr, cycle, team, media):
    from appraisals.exports import services
    from appraisals.models import BookletExport

    os.environ["BOOKLET_EXPORT_CHUNK"] = str(CHUNK)
    from django.conf import settings

    settings.BOOKLET_EXPORT_CHUNK = CHUNK
    export = services.start(by=hr, cycle=cycle, unit=team)
    env = {**os.environ, "MEDIA_ROOT": media}  # bench.settings: DEBUG off, own database
    command = [sys.executable, "manage.py", "run_worker", "--batch", "--no-reload",
               "--no-startup-delay", "--interval", "0.1"]  # fmt: skip
    began = time.monotonic()
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE) for _ in range(workers)]  # fmt: skip
    samples = []  # (seconds since start, the largest worker-with-children RSS then)
    while any(p.poll() is None for p in processes):
        samples.append((time.monotonic() - began, max(tree_rss_kb(p.pid) for p in processes)))
        time.sleep(0.2)
    seconds = time.monotonic() - began
    for p in processes:
        assert p.returncode == 0, p.stderr.read().decode()[-2000:]
    export = BookletExport.objects.get(pk=export.pk)
    assert export.status == "ready", (export.status, export.error)
    halves = [[kb for t, kb in samples if (t < seconds / 2) == first] for first in (True, False)]
    return seconds, [max(half, default=0) / 1024 for half in halves]


def run():
    print(f"Bulk booklet export: {PEOPLE} booklets, chunks of {CHUNK}, on {connection.vendor}")
    call_command("migrate", verbosity=0)
    hr, cycle, team = build()
    results = {}
    with tempfile.TemporaryDirectory() as media:
        for workers in WORKERS:
            seconds, (first, second) = run_export(workers, hr, cycle, team, media)
            results[workers] = seconds
            print(f"  {workers} worker{'s' if workers > 1 else ''}: {seconds:6.1f} s, "
                  f"{PEOPLE / seconds:5.2f} booklets/s; peak RSS of a worker with its "
                  f"children {first:.0f} MB in the first half, {second:.0f} MB in the "
                  "second")  # fmt: skip
    if 1 in results and 2 in results:
        print(f"  two workers / one: {results[1] / results[2]:.2f}x the throughput")


if __name__ == "__main__":
    database = ROOT / "bench" / "results" / "export.sqlite3"
    if os.environ["DATABASE_URL"].startswith("sqlite") and database.exists():
        database.unlink()
    run()
