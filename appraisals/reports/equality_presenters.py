"""The equality view's tables, as the page and the downloads show them: for each split
(ethnic group, disability, sex, age band) four tables (how far appraisals have got,
Scope for Growth level, Scope for Growth direction, pay-progression outcome), with
learning.disclosure.rounded_grids across all sixteen at once, so no table shows a count
another hides: NHS Digital's HES rule (counts 1 to 7 hidden, every other count rounded
to the nearest 5, percentages from the rounded counts), so that neither a small count
nor one worked out from a parent unit less its other units shows (docs/adr/0040).
The page, the CSV and the XLSX all show these rows."""

from dataclasses import dataclass

from django.utils.text import slugify

from learning import disclosure

from .equality import PAY, STATUS

PERCENT = "Percent complete"
COUNTED = "Counted"


@dataclass
class Table:
    slug: str  # "<split>-<measure>", e.g. "ethnicity-completion"
    title: str
    header: list  # the first column names the group
    rows: list  # [group label, *cells]; the last row is the total

    def file_rows(self):
        """Rows for a CSV or XLSX file: "*" for a hidden count, then the note."""
        cells = [[str(c) if disclosure.is_hidden(c) else c for c in row] for row in self.rows]
        return [*cells, [], [disclosure.rounded_note()]]


@dataclass
class Section:
    key: str
    name: str
    tables: list


def _percent(complete, counted):
    """Complete as a share of counted, both already rounded (as HES: a percentage of
    rounded counts): hidden with either, "–" when none are counted."""
    if disclosure.is_hidden(complete) or disclosure.is_hidden(counted):
        return disclosure.HIDDEN
    if not counted:
        return "–"
    return f"{round(complete * 100 / counted)}%"


def sections(found):
    """One Section a split, each with its four Tables, small numbers hidden and every
    other count rounded to the nearest 5."""
    groupings = [[found.by_split[s.key][key] for key, _ in s.groups] for s in found.splits]
    shown, total = disclosure.rounded_grids(groupings, found.total, base="counted",
                                            families=found.families)  # fmt: skip
    measures = [
        ("completion", "How far appraisals have got", STATUS),
        ("level", "Scope for Growth level of the agreed placement", found.levels),
        ("direction", "Scope for Growth direction of the agreed placement", found.directions),
        ("pay", "Pay-progression outcome, as the appraiser submitted it", PAY),
    ]
    out = []
    for split, rows in zip(found.splits, shown, strict=True):
        labelled = [*zip((label for _, label in split.groups), rows, strict=True),
                    ("Total", total)]  # fmt: skip
        tables = []
        for measure, title, columns in measures:
            header = [split.name, COUNTED, *(label for _, label in columns)]
            body = [[label, row["counted"], *(row[key] for key, _ in columns)]
                    for label, row in labelled]  # fmt: skip
            if measure == "completion":
                header.append(PERCENT)
                for cells, (_, row) in zip(body, labelled, strict=True):
                    cells.append(_percent(row["complete"], row["counted"]))
            tables.append(Table(f"{split.key}-{measure}", f"{title}, by {split.name.lower()}",
                                header, body))  # fmt: skip
        out.append(Section(split.key, split.name, tables))
    return out


def find(sections_, slug):
    """The Table named `slug`, or None."""
    return next((t for s in sections_ for t in s.tables if t.slug == slug), None)


def filename(cycle, unit, slug, extension):
    """e.g. appraisals-2026-outpatients-equality-sex-pay.csv."""
    parts = [slugify(cycle.name) or f"cycle-{cycle.pk}"]
    if unit is not None:
        parts.append(slugify(unit.name) or f"unit-{unit.pk}")
    return "-".join([*parts, "equality", slug]) + "." + extension
