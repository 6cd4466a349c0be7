"""The management-information tables and charts as a page and a download show them:
each table is a title, a header and rows of plain values, so the CSV, the XLSX and the
page's table read the same figures (frontend/exports.py writes the files)."""

from django.utils.text import slugify

from learning.charts import bar_chart

from . import services


def percent_text(value):
    """A share as a person reads it: "40%", or "–" when there is nothing to share."""
    return "–" if value is None else f"{value}%"


def scope_name(dashboard):
    return dashboard.unit.name if dashboard.unit is not None else "Every unit in the cycle"


def status_rows(figures):
    """(label, count, percent) for the four shares, then overdue and the total."""
    rows = [(label, getattr(figures, name), figures.percent(name)) for name, label in
            services.SHARES]  # fmt: skip
    rows.append(("Overdue", figures.overdue, figures.percent("overdue")))
    return rows


def status_chart(figures):
    rows = [(label, count, f"{count} ({percent_text(share)})")
            for label, count, share in status_rows(figures)]  # fmt: skip
    return bar_chart("status-chart", "Appraisals by how far they have got", rows,
                     empty="No appraisals to count")  # fmt: skip


STATUS_HEADER = ["Status", "Appraisals", "Percent of counted"]
UNIT_HEADER = ["Unit", "Kind", "Counted", "Not started", "In progress", "Awaiting sign-off",
               "Complete", "Overdue", "Percent complete", "Closed as left"]  # fmt: skip
OVERDUE_HEADER = ["Person", "Job title", "Unit", "Appraiser", "Status"]
APPRAISER_HEADER = ["Appraiser", "Counted", "Complete", "Still to do", "Percent complete"]
PAY_HEADER = ["Pay-progression outcome", "Complete appraisals", "Percent of complete",
              "All counted appraisals"]  # fmt: skip
EARLIER_HEADER = ["Cycle", "Appraisal year", "Counted", "Complete", "Percent complete",
                  "Overdue"]  # fmt: skip


def _unit_cells(name, kind, figures):
    return [name, kind, figures.total, figures.not_started, figures.in_progress,
            figures.awaiting, figures.complete, figures.overdue,
            percent_text(figures.percent("complete")), figures.left]  # fmt: skip


def unit_rows(dashboard):
    """One row a child unit (each person counted once, in the unit they are in now),
    then the chosen unit's own people, then the total."""
    rows = [_unit_cells(row.unit.name, row.unit.get_kind_display(), row.figures)
            for row in dashboard.rows]  # fmt: skip
    if dashboard.own is not None and (dashboard.own.total or dashboard.own.left):
        rows.append(_unit_cells(f"{dashboard.unit.name} itself", "People in the unit, "
                                "not below it", dashboard.own))  # fmt: skip
    rows.append(_unit_cells("Total", "", dashboard.total))
    return rows


def overdue_cells(appraisal):
    person = appraisal.person
    appraiser = appraisal.appraiser.full_name if appraisal.appraiser_id else "No appraiser"
    unit = person.unit.name if person.unit_id else ""
    return [person.full_name, person.job_title, unit, appraiser,
            appraisal.get_status_display()]  # fmt: skip


def appraiser_cells(row):
    name = f"{row['appraiser__given_name']} {row['appraiser__family_name']}".strip()
    share = round(row["complete"] * 100 / row["counted"]) if row["counted"] else None
    return [name if row["appraiser_id"] else "No appraiser", row["counted"], row["complete"],
            row["to_do"], percent_text(share)]  # fmt: skip


def pay_rows(outcomes):
    complete = sum(o["complete"] for o in outcomes)
    return [[o["outcome"], o["complete"],
             percent_text(round(o["complete"] * 100 / complete) if complete else None),
             o["counted"]] for o in outcomes]  # fmt: skip


def pay_chart(outcomes):
    rows = [(o["outcome"], o["complete"], str(o["complete"])) for o in outcomes]
    return bar_chart("pay-chart", "Pay-progression outcomes of complete appraisals", rows)


def earlier_rows(cycles):
    from ..cycles.services import year_label

    return [[c.name, year_label(c.year), f.total, f.complete,
             percent_text(f.percent("complete")), f.overdue] for c, f in cycles]  # fmt: skip


def filename(cycle, unit, table, extension):
    """e.g. appraisals-2026-to-2027-outpatients-units.csv (never empty, never a path)."""
    parts = [slugify(cycle.name) or f"cycle-{cycle.pk}"]
    if unit is not None:
        parts.append(slugify(unit.name) or f"unit-{unit.pk}")
    return "-".join([*parts, table]) + "." + extension
