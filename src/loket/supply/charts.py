"""The month-by-month capacity chart of a location, laid out on the server as plain SVG shapes.

The template draws the shapes; the table beside it carries the same numbers for screen readers and print. Colours
reach at least 3:1 against white and each other's neighbours, and the legend names them, so colour is never the
only cue (the table is)."""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .selectors import CapacityMonth

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 40
SERIES = (
    ("enrolled", _("Enrolled"), "#1f5f8b"),
    ("promised", _("Promised"), "#c8551b"),
    ("free", _("Declared free"), "#3b7d3b"),
)
LICENSED_COLOUR = "#1a1a1a"


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


def capacity_chart(rows: list[CapacityMonth]) -> dict:
    top_value = max([r.licensed for r in rows] + [r.enrolled + r.promised + r.free for r in rows] + [1])
    step = 1 if top_value <= 10 else 2 if top_value <= 20 else 5 if top_value <= 50 else 10
    top_value = ((top_value + step - 1) // step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(rows), 1)
    bar_w = slot * 0.6

    def y_of(value: float) -> float:
        return TOP + plot_h - plot_h * value / top_value

    segments, month_labels = [], []
    for i, row in enumerate(rows):
        x = LEFT + i * slot + (slot - bar_w) / 2
        base = 0
        for key, _label, colour in SERIES:
            value = getattr(row, key)
            if value:
                segments.append(
                    Segment(x, y_of(base + value), bar_w, y_of(base) - y_of(base + value), colour)
                )
                base += value
        month_labels.append(Label(x + bar_w / 2, HEIGHT - BOTTOM + 16, formats.date_format(row.month, "M")))
        if i == 0 or row.month.month == 1:
            month_labels.append(Label(x + bar_w / 2, HEIGHT - BOTTOM + 32, str(row.month.year)))
    ticks = [Label(LEFT - 6, y_of(v) + 4, str(v)) for v in range(0, top_value + 1, step)]
    gridlines = [y_of(v) for v in range(0, top_value + 1, step)]
    licensed = rows[0].licensed if rows else 0
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "segments": segments,
        "month_labels": month_labels,
        "ticks": ticks,
        "gridlines": gridlines,
        "licensed_y": y_of(licensed),
        "licensed_colour": LICENSED_COLOUR,
        "legend": [{"label": label, "colour": colour} for _key, label, colour in SERIES],
    }
