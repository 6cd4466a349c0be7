"""The management-information tables and charts as a page and a download show them:
each table is a title, a header and rows of plain values, so the CSV, the XLSX and the
page's table read the same figures (frontend/exports.py writes the files)."""

from dataclasses import dataclass

from django.utils.text import slugify

from frontend.percent import Percent
from learning import disclosure
from learning.charts import bar_chart

from . import services


def percent_text(value):
    """A share as a person reads it: "40%" (a Percent, so an XLSX keeps it as a number),
    or "–" when there is nothing to share."""
    return "–" if value is None else Percent(value)


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


# Scope for Growth placements and the 70/20/10 mix: a person's career information, so
# small counts are hidden as in LED's figures (learning/disclosure.py, ADR 0017, 0034).

# Shading of the heat map, lightest (none) to darkest: SVG fills beside each count.
SHADES = ["#ffffff", "#d6e6f5", "#9cc3e8", "#4a8fd4", "#005eb8"]
HIDDEN_SHADE = "#d8dde0"


@dataclass
class HeatCell:
    value: object  # a count, or disclosure.HIDDEN
    shade: str


def _band(value, biggest):
    """The shade (1 to 4) of a shown count: every count shown is 0 or at least the
    small-number threshold, so the four shades share the counts from it to `biggest`."""
    low = disclosure.threshold()
    return min(4, 1 + (value - low) * 4 // max(1, biggest - low + 1))


def _shade(value, biggest):
    if disclosure.is_hidden(value):
        return HIDDEN_SHADE
    if not value or not biggest:
        return SHADES[0]
    return SHADES[_band(value, biggest)]


def heat_map(grid):
    """The grid as the page and the files show it: `columns` (direction names, each split
    where it may break), `rows` of (level name, [HeatCell]) high level first as the
    framework draws it, `unplaced` and `counted` (people with no agreed placement, people
    counted) and `legend`, with small counts and one more where a hidden one could be
    worked out hidden."""
    levels = list(reversed(grid.levels))
    values = [grid.count(level, d) for level in levels for d in grid.directions]
    hide = disclosure.hidden_parts([*values, grid.unplaced])
    shown = [disclosure.HIDDEN if h else v for v, h in zip([*values, grid.unplaced], hide,
                                                           strict=True)]  # fmt: skip
    biggest = max((v for v in shown[:-1] if not disclosure.is_hidden(v)), default=0)
    width = len(grid.directions)
    rows = [(level.name, [HeatCell(v, _shade(v, biggest))
                          for v in shown[i * width:(i + 1) * width]])
            for i, level in enumerate(levels)]  # fmt: skip
    return {
        "columns": [_breakable(d.name) for d in grid.directions],
        "rows": rows,
        "unplaced": shown[-1],
        "counted": disclosure.count(grid.counted),
        "legend": _legend(biggest),
    }


def _breakable(name):
    """'Stretch/complexity' -> ('Stretch/', 'complexity'): the template puts a <wbr>
    between the parts, so a narrow column heading breaks after the slash (as the
    placement picture's do, careers/conversation/picture.py) rather than widening
    the table past a phone's screen."""
    pieces = name.split("/")
    return (*(piece + "/" for piece in pieces[:-1]), pieces[-1])


def _legend(biggest):
    """(shade, words) for each shade used at this scale, then the hidden one."""
    legend = [(SHADES[0], "0")]
    ranges = {}  # band -> [lowest, highest] count shaded so
    for value in range(disclosure.threshold(), biggest + 1):
        ranges.setdefault(_band(value, biggest), [value, value])[1] = value
    for band, (low, high) in sorted(ranges.items()):
        legend.append((SHADES[band], str(low) if high == low else f"{low} to {high}"))
    legend.append((HIDDEN_SHADE, "* not shown"))
    return legend


def placement_rows(grid):
    """The heat map's table for a file: a row a level, a column a direction, then the
    people with no agreed placement and the people counted."""
    board = heat_map(grid)
    rows = [[name, *[cell.value for cell in cells]] for name, cells in board["rows"]]
    rows.append(["No agreed placement this year", board["unplaced"]])
    rows.append(["People counted", board["counted"]])
    rows.append([disclosure.note()])
    return rows


def placement_header(grid):
    return ["Impact level", *[d.name for d in grid.directions]]


MIX_HEADER = ["70/20/10 category", "Planned actions", "Percent of planned actions",
              "People planning them", "The model's share"]  # fmt: skip


def mix_rows(mix):
    """A row a category, then the total, with small counts hidden."""
    rows = [{"name": row.category.name, "items": row.items,
             "percent": round(row.items * 100 / mix.items) if mix.items else None,
             "people": row.people, "guide": row.category.share_percent}
            for row in mix.rows]  # fmt: skip
    rows = disclosure.table(rows, base="people", counts=("items",), derived=("percent",))
    cells = [[r["name"], r["items"], _percent(r["percent"]), r["people"], Percent(r["guide"])]
             for r in rows]  # fmt: skip
    total = disclosure.count(mix.items)
    cells.append(["All planned actions", total, Percent(100) if mix.items and not
                  disclosure.is_hidden(total) else "–", disclosure.count(mix.people),
                  ""])  # fmt: skip
    return cells


def _percent(value):
    return value if disclosure.is_hidden(value) else percent_text(value)


def mix_chart(mix):
    *categories, total = mix_rows(mix)
    shown = [] if disclosure.is_hidden(total[1]) else [
        r for r in categories if not disclosure.is_hidden(r[1])]  # fmt: skip
    rows = [(name, items, f"{items} ({share}, guide {guide})")
            for name, items, share, _, guide in shown]  # fmt: skip
    return bar_chart("mix-chart", "Planned development by 70/20/10 category", rows,
                     empty=disclosure.chart_empty(mix.rows) if mix.items else
                     "No planned development to count")  # fmt: skip
