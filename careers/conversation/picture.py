"""The Scope for Growth picture: levels by directions, marking now and the target.

Drawn on the server as SVG (no script, no inline style), with a text
alternative built from the same data.
"""

import textwrap
from dataclasses import dataclass

CELL_W, CELL_H, LEFT, TOP = 150, 70, 130, 40
TINTS = {"green": "#cce6d6", "blue": "#cfe2f3", "purple": "#e2d5ec"}


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    fill: str
    level: str
    direction: str


@dataclass(frozen=True)
class Mark:
    cx: int
    cy: int
    label: str


def picture(*, levels, directions, placement):
    """Everything the SVG template needs. `levels` low to high; drawn high at the top."""
    levels, directions = list(levels), list(directions)
    rows = list(reversed(levels))
    cells = [
        Cell(LEFT + c * CELL_W, TOP + r * CELL_H, TINTS.get(level.colour, "#eeeeee"),
             level.name, direction.name)
        for r, level in enumerate(rows)
        for c, direction in enumerate(directions)
    ]  # fmt: skip
    marks = []
    if placement is not None:
        now = _centre(rows, directions, placement.level_id, placement.direction_id)
        target = _centre(
            rows, directions, placement.target_level_id, placement.target_direction_id
        )
        if now == target:
            now, target = (now[0] - 30, now[1]), (target[0] + 30, target[1])
        marks = [Mark(*now, "Now"), Mark(*target, "In 2 years")]
    return {
        "width": LEFT + CELL_W * len(directions) + 10,
        "height": TOP + CELL_H * len(rows) + 10,
        "cells": cells,
        "row_labels": [
            _label(TOP + r * CELL_H + CELL_H // 2, lvl.name) for r, lvl in enumerate(rows)
        ],
        "column_labels": [
            (LEFT + c * CELL_W + CELL_W // 2, d.name) for c, d in enumerate(directions)
        ],
        "marks": marks,
        "cell_w": CELL_W,
        "cell_h": CELL_H,
        "description": describe(placement),
    }


def _label(middle, name, width=16, line_height=15):
    """A row label wrapped to lines of about `width` characters, centred on `middle`."""
    lines = textwrap.wrap(name, width)[:3]
    first = middle - (len(lines) - 1) * line_height // 2
    return [(first + i * line_height, line) for i, line in enumerate(lines)]


def _centre(rows, directions, level_id, direction_id):
    r = next(i for i, level in enumerate(rows) if level.pk == level_id)
    c = next(i for i, direction in enumerate(directions) if direction.pk == direction_id)
    return LEFT + c * CELL_W + CELL_W // 2, TOP + r * CELL_H + CELL_H // 2


def describe(placement):
    """The picture in words, for screen readers and for anyone who prefers text."""
    if placement is None:
        return "No placement has been recorded yet."
    return (
        f"Now: {placement.level.name} ({placement.level.get_colour_display().lower()} area), "
        f"growing in {placement.direction.name.lower()}. "
        f"In two years: {placement.target_level.name} "
        f"({placement.target_level.get_colour_display().lower()} area), "
        f"growing in {placement.target_direction.name.lower()}."
    )
