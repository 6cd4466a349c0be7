"""What the import pages say: the dry run's totals and lists, and the apply's progress."""

import math

from .models import EsrImportRun

Status = EsrImportRun.Status
SHOWN = 200  # items of each list on the page; the rest are counted

TAG = {
    Status.PLANNED: "blue",
    Status.QUEUED: "grey",
    Status.APPLYING: "blue",
    Status.APPLIED: "green",
    Status.STALE: "orange",
    Status.FAILED: "red",
}

SECTIONS = [
    ("new_people", "New people"),
    ("changed", "Changes to people"),
    ("leavers", "Leavers"),
    ("returners", "Returners"),
    ("new_units", "New units"),
    ("moved_units", "Units moved"),
    ("problems", "Rows not used"),
]


def count(n, one, many=None):
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _changes_of(changed, label):
    return sum(1 for entry in changed if any(s[0] == label for s in entry["shown"]))


def context(run, leavers_form=None):
    """The report and progress of `run`, for run.html and _status.html. `leavers_form`:
    the bound LeaversCheckForm after a refused confirm; else one is made when needed."""
    from .forms import LeaversCheckForm
    from .services import leavers_to_check

    plan = run.plan
    to_check = leavers_to_check(plan) if run.status == Status.PLANNED else 0
    if to_check and leavers_form is None:
        leavers_form = LeaversCheckForm(count=to_check)
    sections = [
        {"key": key, "title": title, "count": len(plan.get(key, [])),
         "items": plan.get(key, [])[:SHOWN], "more": max(0, len(plan.get(key, [])) - SHOWN)}
        for key, title in SECTIONS
    ]  # fmt: skip
    changed = plan.get("changed", [])
    summary = [
        count(len(plan["new_people"]), "new person", "new people"),
        count(len(changed), "person changed", "people changed"),
        count(_changes_of(changed, "Line manager"), "change of line manager",
              "changes of line manager"),
        count(_changes_of(changed, "Unit"), "move to another unit", "moves to another unit"),
        count(len(plan["leavers"]), "leaver"),
        count(len(plan["returners"]), "returner"),
        count(len(plan["new_units"]), "new unit"),
        count(len(plan["moved_units"]), "unit moved", "units moved"),
        count(plan["unchanged"], "person unchanged", "people unchanged"),
        count(len(plan["problems"]), "row not used", "rows not used"),
    ]  # fmt: skip
    percent = math.floor(100 * run.done / run.total) if run.total else 100
    return {
        "run": run,
        "sections": sections,
        "summary": summary,
        "changes": run.total,
        "tag": TAG[run.status],
        "percent": percent,
        "seen": f"{run.status}-{run.done}",
        "absent_to_check": to_check,
        "expected": plan.get("expected", 0),
        "leavers_form": leavers_form if to_check else None,
    }


def summary_lines(run):
    """The dry run's totals and its unusable rows, as lines of text (the command line)."""
    data = context(run)
    lines = [f"{run.rows:,} rows read from {run.file_name or 'the file'}."]
    lines += [f"  {line}" for line in data["summary"]]
    if data["absent_to_check"]:
        lines.append(f"  {data['absent_to_check']:,} of the {data['expected']:,} people the file "
                     "should list are not in it: it may not be the full extract.")  # fmt: skip
    for problem in run.plan["problems"]:
        lines.append(f"  Line {problem['line']}: {problem['reason']}")
    return lines
