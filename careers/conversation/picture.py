"""The Scope for Growth picture: levels by directions, marking now and the target.

Drawn on the server as an HTML grid of tinted cells (careers/partials/placement_picture
.html), with the level and direction names and the "Now" and "In 2 years" marks as real
text, so the picture lays itself out again in a narrow window instead of shrinking (WCAG
1.4.4, 1.4.10; docs/adr/0024, "Charts"). No script and no inline style: the tints are
classes. Its text alternative, `describe()`, is built from the same placement.
"""

from dataclasses import dataclass

TINTS = {"green", "blue", "purple"}  # ImpactLevel.Colour; the stylesheet has one class each


@dataclass(frozen=True)
class Mark:
    kind: str  # "now" or "target"
    label: str


@dataclass(frozen=True)
class Cell:
    level: str
    direction: str
    tint: str  # a class suffix: green, blue, purple or none
    marks: tuple = ()


@dataclass(frozen=True)
class Row:
    level: str
    tint: str
    cells: tuple


@dataclass(frozen=True)
class Column:
    name: str
    parts: tuple  # the name split after each "/", so a narrow column may break there


def picture(*, levels, directions, placement):
    """Everything the picture's template needs.

    In: `levels` low to high and `directions` in order (ImpactLevel and GrowthDirection
    rows, or anything with pk, name and, for levels, colour); `placement` (a Placement,
    or None before one is proposed). Out: `columns` (the directions), `rows` (the levels,
    high at the top as the facilitation guide draws them; each cell with its marks) and
    `description`, the picture in words."""
    directions = list(directions)
    now = target = None
    if placement is not None:
        now = (placement.level_id, placement.direction_id)
        target = (placement.target_level_id, placement.target_direction_id)
    rows = []
    for level in reversed(list(levels)):
        tint = level.colour if level.colour in TINTS else "none"
        cells = []
        for direction in directions:
            here = (level.pk, direction.pk)
            marks = (Mark("now", "Now"),) if here == now else ()
            marks += (Mark("target", "In 2 years"),) if here == target else ()
            cells.append(Cell(level.name, direction.name, tint, marks))
        rows.append(Row(level.name, tint, tuple(cells)))
    return {
        "columns": [Column(d.name, _parts(d.name)) for d in directions],
        "rows": rows,
        "description": describe(placement),
    }


def _parts(name):
    """'Stretch/complexity' -> ('Stretch/', 'complexity'): the template puts a <wbr>
    between the parts, a place to break a long name that has no space."""
    pieces = name.split("/")
    return tuple(piece + "/" for piece in pieces[:-1]) + (pieces[-1],)


def describe(placement):
    """The picture in words, for screen readers and for anyone who prefers text."""
    if placement is None:
        # The page beside it says whether one is proposed; this describes the picture.
        return "The Scope for Growth framework, with nothing marked on it yet."
    return (
        f"Now: {placement.level.name} ({placement.level.get_colour_display().lower()} area), "
        f"growing in {placement.direction.name.lower()}. "
        f"In two years: {placement.target_level.name} "
        f"({placement.target_level.get_colour_display().lower()} area), "
        f"growing in {placement.target_direction.name.lower()}."
    )
