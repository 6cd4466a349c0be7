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

The equality view goes further (`rounded_grids`, docs/adr/0040): NHS Digital's HES rule,
counts 1 to 7 hidden and every other count rounded to the nearest 5, so that no hidden
count is another page's total less its shown parts, and no 0 beside a hidden group.
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

    def __reduce__(self):  # cached figures are pickled; made again without arguments
        return (Hidden, ())

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


def grids(groupings, total, *, base, families, smallest=None, zeros=False):
    """Cross-tables with small numbers hidden in rows and in columns, as new dicts.

    `groupings`: lists of rows (dicts of counts), each list a split of the same people
    (by ethnic group, by sex, ...); `total`: the row of totals they share; `base`: the key
    of a row's total; `families`: lists of keys whose counts add up to `base` in every row.
    Every count from 1 to threshold - 1 is hidden; then, until nothing changes, wherever
    a row's family (with its `base`) or a column (with its total) has exactly one hidden
    count, the smallest other non-zero count of that line is hidden too (the line's total
    when no part is left), so no hidden count is a shown total less the shown counts.
    The total row is hidden alike in every grouping, so one grouping never shows a total
    another hides. Returns (groupings, total) with HIDDEN in place of hidden counts.

    Options (the equality view's, through `rounded_grids`): `smallest`, the smallest count
    shown (default `threshold()`), so 1 to smallest - 1 are hidden; `zeros`, a line whose
    total is hidden shows no part at all, not even a 0: a 0 beside a hidden count of a
    small group would say that all of that group are in the hidden part."""
    smallest = threshold() if smallest is None else smallest

    def small(value):
        return 0 < value < smallest

    keys = [base, *(key for family in families for key in family)]
    total_marks = {key for key in keys if small(total[key])}
    marks = [[{key for key in keys if small(row[key])} for row in rows] for rows in groupings]
    changed = True
    while changed:
        changed = False
        for rows, row_marks in zip(groupings, marks, strict=True):
            lines = [*zip(rows, row_marks, strict=True), (total, total_marks)]
            for row, mark in lines:  # each family of each row, with the row's total
                for family in families:
                    line = [(row[key], mark, key) for key in (*family, base)]
                    changed |= _settle(line) | (zeros and _hide_all(line))
            for key in keys:  # each column, with its total
                line = [(row[key], mark, key) for row, mark in lines]
                changed |= _settle(line) | (zeros and _hide_all(line))

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


def _hide_all(line):
    """`line` as for `_settle`: when its total is marked hidden, mark every part. True if
    that marked any."""
    _, total_marks, total_key = line[-1]
    unmarked = [(marks, key) for _, marks, key in line[:-1] if key not in marks]
    if total_key not in total_marks or not unmarked:
        return False
    for marks, key in unmarked:
        marks.add(key)
    return True


# Rounding, for the equality view: NHS Digital's disclosure control for Hospital Episode
# Statistics and the Emergency Care Data Set (September 2018), since used across NHS
# Digital's datasets: below national level a 0 is shown as 0, a count from 1 to 7 as "*",
# and every other count rounded to the nearest 5; a percentage is worked out from the
# rounded counts, and not shown when either count is "*". Source:
# https://digital.nhs.uk/data-and-information/data-tools-and-services/data-services/hospital-episode-statistics/change-to-disclosure-control-methodology-for-hes-and-ecds-from-september-2018
ROUND_TO = 5
HES_SMALLEST_SHOWN = 8  # counts 1 to 7 are "*"


def smallest_rounded():
    """The smallest count shown where counts are rounded: 8 (HES), or the site's
    threshold when that is higher."""
    return max(threshold(), HES_SMALLEST_SHOWN)


def rounded(value):
    """`value` (a count, or HIDDEN) to the nearest ROUND_TO; HIDDEN as it is."""
    if is_hidden(value):
        return value
    return (value + ROUND_TO // 2) // ROUND_TO * ROUND_TO


def rounded_grids(groupings, total, *, base, families):
    """`grids` as NHS Digital's HES rule asks (see ROUND_TO): counts 1 to
    `smallest_rounded()` - 1 hidden, and any count that a shown total less shown counts
    would give (as `grids`); a line whose total is hidden shows no 0 (`zeros`); then
    every shown count rounded to the nearest 5, so a count worked out from another page's
    total (a parent unit less its other units) is a range, not a number. Same arguments
    and result as `grids`."""
    shown, total = grids(groupings, total, base=base, families=families,
                         smallest=smallest_rounded(), zeros=True)  # fmt: skip
    out = [[{k: rounded(v) for k, v in row.items()} for row in rows] for rows in shown]
    return out, {k: rounded(v) for k, v in total.items()}


def rounded_note():
    """What the equality view's figures mean, for under a table and in a file."""
    n = smallest_rounded()
    return (
        f"Figures are rounded to the nearest {ROUND_TO}, and small numbers are hidden. "
        f"* means a number from 1 to {n - 1}, or a number (0 included) not shown so that "
        "a small number cannot be worked out from a total or from another figure. Totals "
        "are rounded on their own, so the rounded parts may not add up to them. This is "
        "so that nobody can be identified."
    )
