"""The presenters behind Trellis's charts: what each chart shows, with no geometry
(the stylesheet lays the charts out, so they re-flow at any width; docs/adr/0024)."""

from types import SimpleNamespace

from careers.conversation.picture import picture
from learning.charts import bar_chart

LEVELS = [  # low to high, as ImpactLevel orders them
    SimpleNamespace(pk=1, name="Consolidating experience in current role", colour="green"),
    SimpleNamespace(pk=2, name="Developing", colour="blue"),
    SimpleNamespace(pk=3, name="Proven", colour="purple"),
]
DIRECTIONS = [
    SimpleNamespace(pk=10, name="Depth"),
    SimpleNamespace(pk=11, name="Breadth"),
    SimpleNamespace(pk=12, name="Stretch/complexity"),
]


def placed(level, direction, target_level, target_direction):
    return SimpleNamespace(
        level_id=level.pk,
        direction_id=direction.pk,
        target_level_id=target_level.pk,
        target_direction_id=target_direction.pk,
        level=SimpleNamespace(name=level.name, get_colour_display=lambda: level.colour),
        direction=direction,
        target_level=SimpleNamespace(
            name=target_level.name, get_colour_display=lambda: target_level.colour
        ),
        target_direction=target_direction,
    )


def marks(pic):
    """{(level, direction): [mark labels]} for the cells that have marks."""
    return {
        (cell.level, cell.direction): [mark.label for mark in cell.marks]
        for row in pic["rows"]
        for cell in row.cells
        if cell.marks
    }


def test_the_picture_has_the_highest_level_at_the_top_and_a_tint_a_row():
    pic = picture(levels=LEVELS, directions=DIRECTIONS, placement=None)
    assert [row.level for row in pic["rows"]] == ["Proven", "Developing", LEVELS[0].name]
    assert [row.tint for row in pic["rows"]] == ["purple", "blue", "green"]
    assert all(len(row.cells) == 3 for row in pic["rows"])
    assert marks(pic) == {}
    assert pic["description"] == "The Scope for Growth framework, with nothing marked on it yet."


def test_now_and_the_target_are_marked_in_their_cells():
    placement = placed(LEVELS[0], DIRECTIONS[0], LEVELS[2], DIRECTIONS[2])
    pic = picture(levels=LEVELS, directions=DIRECTIONS, placement=placement)
    assert marks(pic) == {
        (LEVELS[0].name, "Depth"): ["Now"],
        ("Proven", "Stretch/complexity"): ["In 2 years"],
    }
    assert pic["description"].startswith(f"Now: {LEVELS[0].name} (green area), growing in")


def test_now_and_the_target_in_one_cell_are_both_marked():
    placement = placed(LEVELS[1], DIRECTIONS[1], LEVELS[1], DIRECTIONS[1])
    pic = picture(levels=LEVELS, directions=DIRECTIONS, placement=placement)
    assert marks(pic) == {("Developing", "Breadth"): ["Now", "In 2 years"]}


def test_a_direction_name_may_break_after_a_slash_and_an_unknown_colour_is_untinted():
    levels = [SimpleNamespace(pk=1, name="New level", colour="orange")]
    pic = picture(levels=levels, directions=DIRECTIONS, placement=None)
    assert [column.parts for column in pic["columns"]] == [
        ("Depth",),
        ("Breadth",),
        ("Stretch/", "complexity"),
    ]
    assert pic["rows"][0].tint == "none"


def test_bars_are_a_percentage_of_the_largest_and_labels_are_whole():
    long = "An initiative with a title far too long for the old chart's label"
    chart = bar_chart("c", "Title", [(long, 4, "4"), ("B", 1, "1"), ("C", 0, "0")])
    assert [bar.width for bar in chart.bars] == [100, 25, 0]
    assert chart.bars[0].label == long
    assert bar_chart("c", "Title", [], empty="Nothing").bars == []
