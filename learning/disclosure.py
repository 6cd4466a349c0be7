"""Small numbers are not shown in management information, as in NHS statistics.

A count of people or of their records from 1 to MI_SMALL_NUMBER_THRESHOLD - 1 (1 to 4
by default) could point at a person, so it is shown as "*" (`HIDDEN`), on the page
and in the CSV. Zero is shown: it says nothing about anyone. A figure worked out from
a hidden group (its hours, its share, its average rating) is hidden with it.

Secondary suppression: parts that add up to a total that is shown (a column of a table,
the ratings given) never have exactly one part hidden. When they would, the smallest
other non-zero part is hidden too, so no hidden count is the total less the others.
Sources: NHS England's statistical disclosure control practice (counts 1 to 4
suppressed, secondary suppression so a suppressed cell cannot be derived).
"""

from django.conf import settings
from django.utils.html import format_html


class Hidden(str):
    """A figure not shown. "*" in a CSV; on a page, "*" with words for screen readers.

    A str, so that a template's `{{ value }}` keeps it as it is and escapes it through
    `__html__` (anything else is turned into text first, and the words would be lost)."""

    hidden = True

    def __new__(cls):
        return super().__new__(cls, "*")

    def __html__(self):
        return format_html(
            '<span aria-hidden="true">*</span><span class="nhsuk-u-visually-hidden">{}</span>',
            "not shown",
        )


HIDDEN = Hidden()


def threshold():
    return settings.MI_SMALL_NUMBER_THRESHOLD


def note():
    """What "*" means, for under a table and in a CSV."""
    n = threshold()
    return (
        f"* means fewer than {n}, or not shown so that a number fewer than {n} cannot be "
        "worked out from a total. Small numbers are not shown so that nobody can be identified."
    )


def is_small(value):
    return not isinstance(value, Hidden) and value is not None and 0 < value < threshold()


def chart_empty(rows):
    """What a chart says with no bars: nothing to show, or only figures too small to show."""
    return f"Not shown: fewer than {threshold()} in each" if rows else "No data yet"


def is_hidden(value):
    return isinstance(value, Hidden)


def count(value):
    """One count on its own: HIDDEN when small, else the count."""
    return HIDDEN if is_small(value) else value


def hidden_parts(values):
    """Which of `values` (parts of a total that is shown) to hide: each small one, and,
    when that hides exactly one, the smallest other non-zero one too. Booleans, in order."""
    hide = [is_small(v) for v in values]
    if sum(hide) == 1:
        others = [(v, i) for i, v in enumerate(values) if v and not hide[i]]
        if others:
            hide[min(others)[1]] = True
    return hide


def table(rows, *, base, counts=(), derived=()):
    """`rows` (dicts) with small numbers hidden, as new dicts. A row whose `base` count
    (its people) is hidden, by `hidden_parts` down the base column, has every count and
    `derived` figure hidden with it; each other count is hidden by `hidden_parts` down its
    own column."""
    rows = [dict(row) for row in rows]
    hidden_rows = hidden_parts([row[base] for row in rows])
    for row, hide in zip(rows, hidden_rows, strict=True):
        if hide:
            row.update(dict.fromkeys((base, *counts, *derived), HIDDEN))
    for key in counts:
        shown = [i for i, hide in enumerate(hidden_rows) if not hide]
        for i, hide in zip(shown, hidden_parts([rows[i][key] for i in shown]), strict=True):
            if hide:
                rows[i][key] = HIDDEN
    return rows


def management_information(view):
    """Mark `view` as management information: a test walks every view so marked and
    checks that no small count shows (tests/test_learning_disclosure.py)."""
    view.management_information = True
    return view


def grids(groupings, total, *, base, families):
    """Cross-tables with small numbers hidden in rows and in columns, as new dicts.

    `groupings`: lists of rows (dicts of counts), each list a split of the same people
    (by ethnic group, by sex, ...); `total`: the row of totals they share; `base`: the key
    of a row's total; `families`: lists of keys whose counts add up to `base` in every row.
    Every count from 1 to threshold - 1 is hidden; then, until nothing changes, wherever
    a row's family (with its `base`) or a column (with its total) has exactly one hidden
    count, the smallest other non-zero count of that line is hidden too (the line's total
    when no part is left), so no hidden count is a shown total less the shown counts.
    The total row is hidden alike in every grouping, so one grouping never shows a total
    another hides. Returns (groupings, total) with HIDDEN in place of hidden counts."""
    keys = [base, *(key for family in families for key in family)]
    total_marks = {key for key in keys if is_small(total[key])}
    marks = [[{key for key in keys if is_small(row[key])} for row in rows] for rows in groupings]
    changed = True
    while changed:
        changed = False
        for rows, row_marks in zip(groupings, marks, strict=True):
            lines = [*zip(rows, row_marks, strict=True), (total, total_marks)]
            for row, mark in lines:  # each family of each row, with the row's total
                for family in families:
                    changed |= _settle([(row[key], mark, key) for key in (*family, base)])
            for key in keys:  # each column, with its total
                changed |= _settle([(row[key], mark, key) for row, mark in lines])

    def shown(row, mark):
        return {k: (HIDDEN if k in mark else v) for k, v in row.items()}

    out = [[shown(row, mark) for row, mark in zip(rows, row_marks, strict=True)]
           for rows, row_marks in zip(groupings, marks, strict=True)]  # fmt: skip
    return out, shown(total, total_marks)


def _settle(line):
    """`line`: (value, marks, key) of some parts and, last, their total. When exactly one
    is marked hidden, mark the smallest other non-zero part (or the total). True if so."""
    if sum(key in marks for _, marks, key in line) != 1:
        return False
    parts = [(value, i) for i, (value, marks, key) in enumerate(line[:-1])
             if value and key not in marks]  # fmt: skip
    _, marks, key = line[min(parts)[1]] if parts else line[-1]
    marks.add(key)
    return True
