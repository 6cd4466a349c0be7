"""Horizontal bar charts drawn on the server as HTML (learning/_bar_chart.html).

Each label and value is real text at the size of the body text, so it wraps in a narrow
window instead of shrinking (WCAG 1.4.4 and 1.4.10); only the bar is drawn, as an SVG
rect whose length is a percentage of the chart's width (a presentation attribute, so the
Content-Security-Policy needs no inline style). Every chart comes with a table beside it
on the page; docs/adr/0024 ("Charts") records the choice."""

from dataclasses import dataclass, field


@dataclass
class Bar:
    label: str
    value: float
    text: str  # the value as a person reads it, shown beside the label
    width: int = 0  # the bar's length: whole percent of the chart's width


@dataclass
class Chart:
    id: str
    title: str
    bars: list = field(default_factory=list)
    empty: str = "No data yet"  # shown when there are no bars


def bar_chart(chart_id, title, rows, empty="No data yet"):
    """A chart of `rows`, a list of (label, value, text), for learning/_bar_chart.html.

    The largest value's bar spans the chart; the others are in proportion, as a whole
    percent (0 to 100). `empty` is what the chart says when `rows` is empty."""
    biggest = max((float(value) for _, value, _ in rows), default=0)
    bars = [
        Bar(label, value, text, width=round(float(value) * 100 / biggest) if biggest else 0)
        for label, value, text in rows
    ]
    return Chart(chart_id, title, bars, empty=empty)
