"""The ESR staff import at scale: a generated 20,000-row extract checked (dry run) and
applied, then a changed extract, then the same one again, which must change nothing
(docs/adr/0035-esr-staff-import.md; the target is under a minute for each step).

Runs in a database of its own (bench/results/esr_import.sqlite3; set DATABASE_URL for
PostgreSQL). BENCH_ESR_ROWS (20000) sets the size. The apply runs in this process as
the worker's task does (services.apply). Run alone: `python -m bench.esr_import`."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    os.environ.setdefault("DATABASE_URL", "sqlite:///bench/results/esr_import.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

ROWS = int(os.environ.get("BENCH_ESR_ROWS", "20000"))
TEAM_SIZE = 200


def extract(rows, *, changed=False):
    """`rows` people in teams of TEAM_SIZE: 5 directorates, 4 departments each, teams
    below. Person 0 leads the trust; each team's first person leads it. `changed`: every
    tenth person has a new pay band, every fiftieth moves team with a new manager, one in a
    hundred has left (missing from the file) and a new department appears."""
    from tests.esr_import_files import row

    lines = []
    teams = max(1, rows // TEAM_SIZE)
    for n in range(rows):
        if changed and n % 100 == 99:
            continue  # left: not in the file
        team = n // TEAM_SIZE
        moved = changed and n % 50 == 7
        if moved:
            team = (team + 1) % teams
        directorate, department = team % 5, (team // 5) % 4
        levels = ["Bench Trust", f"Directorate {directorate}",
                  f"Department {directorate}.{department}", f"Team {team}"]  # fmt: skip
        if changed and team == 3:
            levels.insert(3, "New Department")
        lead = team * TEAM_SIZE
        supervisor = "" if n == 0 else str(10_000_000 if n == lead else 10_000_000 + lead)
        if moved:
            supervisor = str(10_000_000 + lead)
        band = "Band 6" if changed and n % 10 == 3 else "Band 5"
        lines.append(row(str(10_000_000 + n), str(500_000 + n), f"Given{n}", f"Family{n}",
                         email=f"person{n}@bench.example", supervisor=supervisor,
                         levels=levels, band=band))  # fmt: skip
    from tests.esr_import_files import csv_bytes

    return csv_bytes(lines, bom=True)


def timed(label, action):
    """Run `action`, printing its wall-clock time and the CPU time this process spent
    (SQLite works in this process: on a busy machine the CPU time is the fairer figure)."""
    began, cpu = time.perf_counter(), time.process_time()
    result = action()
    seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - cpu
    print(f"  {label:<46} {seconds:6.1f} s wall, {cpu_seconds:5.1f} s CPU")
    return result, seconds


def step(name, raw):
    from people.esr_import import presenters, services

    run, _ = timed(f"{name}: dry run", lambda: services.dry_run(raw=raw, file_name=name))
    for line in presenters.summary_lines(run)[1:11]:
        print(f"      {line.strip()}")
    _, seconds = timed(f"{name}: apply ({run.total:,} changes)", lambda: services.apply_now(run))
    run.refresh_from_db()
    assert run.status == "applied", (run.status, run.error)
    return run


def run():
    from people.models import Person

    print(f"ESR staff import: {ROWS:,} rows, on {connection.vendor}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    call_command("migrate", verbosity=0)
    first = step("first load", extract(ROWS))
    assert len(first.plan["new_people"]) == ROWS and not first.plan["problems"]
    changed = extract(ROWS, changed=True)
    second = step("changed extract", changed)
    assert second.plan["leavers"] and second.plan["changed"] and not second.plan["problems"]
    history = Person.history.count()
    again = step("same extract again", changed)
    assert again.total == 0, "the same file twice must change nothing"
    assert Person.history.count() == history
    print(f"  {Person.objects.filter(is_active=True).count():,} active people at the end")


if __name__ == "__main__":
    database = ROOT / "bench" / "results" / "esr_import.sqlite3"
    if os.environ["DATABASE_URL"].startswith("sqlite") and database.exists():
        database.unlink()
    run()
