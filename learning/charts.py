"""Horizontal bar charts drawn on the server as SVG (presentation attributes only, so
the Content-Security-Policy needs no inline style). Every chart comes with a table
beside it on the page: the table is its text alternative."""

from dataclasses import dataclass, field

LABEL_WIDTH = 240  # room for the label at the left of each bar
BAR_SPACE = 300  # the longest bar
ROW_HEIGHT = 34


@dataclass
class Bar:
    label: str
    value: float
    text: str  # the value as a person reads it, drawn after the bar
    y: int = 0
    width: int = 0


@dataclass
class Chart:
    id: str
    title: str
    bars: list = field(default_factory=list)
    label_width: int = LABEL_WIDTH
    empty: str = "No data yet"  # drawn when there are no bars

    @property
    def height(self):
        return max(len(self.bars), 1) * ROW_HEIGHT + 8

    @property
    def width(self):
        return self.label_width + BAR_SPACE + 110

    @property
    def description(self):
        return "; ".join(f"{bar.label}: {bar.text}" for bar in self.bars) or self.empty


def bar_chart(chart_id, title, rows, empty="No data yet"):
    """`rows` is a list of (label, value, text); bars are scaled to the largest value.
    `empty` is what the chart says when `rows` is empty."""
    biggest = max((float(value) for _, value, _ in rows), default=0)
    bars = []
    for n, (label, value, text) in enumerate(rows):
        width = round(float(value) * BAR_SPACE / biggest) if biggest else 0
        short = label if len(label) <= 26 else label[:25] + "…"
        bars.append(Bar(short, value, text, y=n * ROW_HEIGHT, width=width))
    return Chart(chart_id, title, bars, empty=empty)
