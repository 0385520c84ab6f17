"""Server-side charts, the one chart module of Loket: one layout, drawn as SVG for the web and as a reportlab
Drawing for the PDF.

Why our own module: the charts are few and simple (lines per month, grouped bars, a histogram, stacked columns
against a capacity line), they must work without JavaScript, print well, carry a title and description for
screen readers, and look the same in the browser and in the council's PDF. A layout step turns data into a
handful of primitives (rectangles, lines, text); two small renderers draw them. That is about 300 lines we can
test, against pygal (unmaintained) or matplotlib (a large binary dependency for five chart types). Every chart
sits beside a table with the same figures.

Values that are not numbers (a suppressed "<5", a hidden share) are drawn as nothing, never as an estimate.
"""

from dataclasses import dataclass
from html import escape

WIDTH = 640
PALETTE = ("#1f5f8b", "#c8551b", "#3b7d3b", "#7a4a9e", "#8c6d1f")  # ≥ 4.5:1 against white
AXIS = "#4b4f54"
GRID = "#d6d9dc"
FONT = 12


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start | middle | end
    size: int = FONT
    fill: str = "#1a1a1a"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    width: float
    height: float
    shapes: tuple


def _number(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _nice_max(value: float) -> float:
    """The smallest 1-2-5 step ≥ value, so gridlines fall on round numbers."""
    if value <= 0:
        return 1.0
    magnitude = 1.0
    while magnitude * 10 <= value:
        magnitude *= 10
    while magnitude > value:
        magnitude /= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") if value % 1 else str(int(value))


def _legend(series_names, x, y) -> list:
    shapes = []
    for i, name in enumerate(series_names):
        shapes += [
            Rect(x, y - 9, 10, 10, PALETTE[i % len(PALETTE)]),
            Text(x + 14, y, name),
        ]
        x += 24 + 7 * len(name)
    return shapes


def _value_axis(left, right, top, bottom, maximum, *, vertical=True, ticks=4) -> list:
    shapes = []
    for i in range(ticks + 1):
        value = maximum * i / ticks
        if vertical:
            y = bottom - (bottom - top) * i / ticks
            shapes += [
                Line(((left, y), (right, y)), GRID),
                Text(left - 6, y + 4, _fmt(value), "end", 11, AXIS),
            ]
        else:
            x = left + (right - left) * i / ticks
            shapes += [
                Line(((x, top), (x, bottom)), GRID),
                Text(x, bottom + 14, _fmt(value), "middle", 11, AXIS),
            ]
    return shapes


def line_chart(*, key, title, description, labels, series) -> Chart:
    """One line per series over `labels` (months)."""
    height, left, right, top, bottom = 300, 56, WIDTH - 16, 40, 250
    values = [v for _, vs in series for v in map(_number, vs) if v is not None]
    maximum = _nice_max(max(values, default=0))
    shapes = _value_axis(left, right, top, bottom, maximum)
    n = max(len(labels), 1)
    step = (right - left) / max(n - 1, 1)
    every = max(1, round(n / 12))
    for i, label in enumerate(labels):
        if i % every == 0:
            shapes.append(Text(left + i * step, bottom + 16, str(label), "middle", 10, AXIS))
    for s, (_, vs) in enumerate(series):
        points = tuple(
            (left + i * step, bottom - (bottom - top) * v / maximum)
            for i, v in enumerate(map(_number, vs))
            if v is not None
        )
        colour = PALETTE[s % len(PALETTE)]
        if len(points) > 1:
            shapes.append(Line(points, colour, 2.0, dashed=s % 2 == 1))
        shapes += [Rect(x - 2.5, y - 2.5, 5, 5, colour) for x, y in points]
    shapes += [Line(((left, bottom), (right, bottom)), AXIS)]
    shapes += _legend([name for name, _ in series], left, 20)
    return Chart(key, title, description, WIDTH, height, tuple(shapes))


def bar_chart(*, key, title, description, labels, series, reference: float | None = None) -> Chart:
    """Horizontal grouped bars, one group per label (long neighbourhood names fit on the left).
    `reference` draws a dashed line at that value (1.0 for fair-access ratios)."""
    bar, gap = 12, 10
    group = bar * len(series) + gap
    left, right, top = 170, WIDTH - 40, 40
    bottom = top + max(len(labels), 1) * group
    height = bottom + 30
    values = [v for _, vs in series for v in map(_number, vs) if v is not None]
    maximum = _nice_max(max([*values, reference or 0], default=0))
    shapes = _value_axis(left, right, top, bottom, maximum, vertical=False)
    scale = (right - left) / maximum
    for i, label in enumerate(labels):
        y0 = top + i * group
        text = str(label) if len(str(label)) <= 26 else str(label)[:25] + "…"
        shapes.append(Text(left - 6, y0 + group / 2, text, "end", 11))
        for s, (_, vs) in enumerate(series):
            value = _number(vs[i]) if i < len(vs) else None
            if value is None:
                continue
            y = y0 + s * bar
            shapes.append(Rect(left, y, max(value * scale, 0.5), bar - 2, PALETTE[s % len(PALETTE)]))
            shapes.append(Text(left + value * scale + 4, y + bar - 3, _fmt(value), "start", 10, AXIS))
    if reference is not None:
        x = left + reference * scale
        shapes.append(Line(((x, top - 4), (x, bottom)), "#1a1a1a", 1.5, dashed=True))
    shapes += [Line(((left, top), (left, bottom)), AXIS)]
    shapes += _legend([name for name, _ in series], left, 20)
    return Chart(key, title, description, WIDTH, height, tuple(shapes))


def column_chart(*, key, title, description, labels, values, series_name) -> Chart:
    """Vertical columns: a distribution (the waiting-time histogram)."""
    height, left, right, top, bottom = 280, 56, WIDTH - 16, 40, 230
    numbers = [_number(v) for v in values]
    maximum = _nice_max(max([v for v in numbers if v is not None], default=0))
    shapes = _value_axis(left, right, top, bottom, maximum)
    n = max(len(labels), 1)
    width = (right - left) / n
    for i, (label, value) in enumerate(zip(labels, numbers, strict=False)):
        x = left + i * width
        if value is not None and value > 0:
            h = (bottom - top) * value / maximum
            shapes.append(Rect(x + 2, bottom - h, width - 4, h, PALETTE[0]))
        shapes.append(Text(x + width / 2, bottom + 16, str(label), "middle", 10, AXIS))
    shapes += [Line(((left, bottom), (right, bottom)), AXIS)]
    shapes += _legend([series_name], left, 20)
    return Chart(key, title, description, WIDTH, height, tuple(shapes))


def stacked_column_chart(*, key, title, description, labels, series, reference=None, sublabels=()) -> Chart:
    """One column per label, its series stacked bottom to top (a location's children enrolled, promised and
    free places per month). `reference` is (name, value): a dashed line across the chart (the licensed
    capacity), named in the legend. `sublabels` go under the labels where not empty (the year under January)."""
    height, left, right, top, bottom = 290, 40, WIDTH - 12, 40, 240
    totals = [
        sum(v for v in (_number(vs[i]) if i < len(vs) else None for _, vs in series) if v is not None)
        for i in range(len(labels))
    ]
    maximum = _nice_max(max([*totals, reference[1] if reference else 0], default=0))
    shapes = _value_axis(left, right, top, bottom, maximum)
    slot = (right - left) / max(len(labels), 1)
    bar = slot * 0.6
    for i, label in enumerate(labels):
        x = left + i * slot + (slot - bar) / 2
        base = 0.0
        for s, (_, vs) in enumerate(series):
            value = _number(vs[i]) if i < len(vs) else None
            if not value:
                continue
            y_top = bottom - (bottom - top) * (base + value) / maximum
            y_base = bottom - (bottom - top) * base / maximum
            shapes.append(Rect(x, y_top, bar, y_base - y_top, PALETTE[s % len(PALETTE)]))
            base += value
        shapes.append(Text(x + bar / 2, bottom + 16, str(label), "middle", 11))
        if i < len(sublabels) and sublabels[i]:
            shapes.append(Text(x + bar / 2, bottom + 31, str(sublabels[i]), "middle", 11, AXIS))
    names = [name for name, _ in series]
    shapes += [Line(((left, bottom), (right, bottom)), AXIS)]
    shapes += _legend(names, left, 20)
    if reference is not None:
        name, value = reference
        y = bottom - (bottom - top) * value / maximum
        shapes.append(Line(((left, y), (right, y)), "#1a1a1a", 2.0, dashed=True))
        x = left + sum(24 + 7 * len(n) for n in names)
        shapes += [Line(((x, 16), (x + 22, 16)), "#1a1a1a", 2.0, dashed=True), Text(x + 28, 20, name)]
    return Chart(key, title, description, WIDTH, height, tuple(shapes))


def to_svg(chart: Chart) -> str:
    """Accessible inline SVG: role img, a title and a description; the table behind it is on the page too."""
    ident = f"chart-{escape(chart.key)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="loket-chart__svg" viewBox="0 0 {chart.width:.0f} '
        f'{chart.height:.0f}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="system-ui, sans-serif" focusable="false">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
    ]
    for shape in chart.shapes:
        if isinstance(shape, Rect):
            parts.append(
                f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" height="{shape.h:.1f}" '
                f'fill="{shape.fill}"/>'
            )
        elif isinstance(shape, Line):
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in shape.points)
            dash = ' stroke-dasharray="6 4"' if shape.dashed else ""
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{shape.stroke}" '
                f'stroke-width="{shape.width}"{dash}/>'
            )
        elif isinstance(shape, Text):
            parts.append(
                f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" text-anchor="{shape.anchor}" '
                f'font-size="{shape.size}" fill="{shape.fill}">{escape(shape.text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def to_drawing(chart: Chart, *, width: float):
    """The same chart as a reportlab Drawing scaled to `width` points (y runs upwards in PDF)."""
    from reportlab.graphics.shapes import Drawing, Group, PolyLine, String
    from reportlab.graphics.shapes import Rect as RlRect
    from reportlab.lib.colors import HexColor

    scale = width / chart.width
    group = Group()
    h = chart.height
    for shape in chart.shapes:
        if isinstance(shape, Rect):
            group.add(
                RlRect(
                    shape.x,
                    h - shape.y - shape.h,
                    shape.w,
                    shape.h,
                    fillColor=HexColor(shape.fill),
                    strokeColor=None,
                )
            )
        elif isinstance(shape, Line):
            flat = [c for x, y in shape.points for c in (x, h - y)]
            group.add(
                PolyLine(
                    flat,
                    strokeColor=HexColor(shape.stroke),
                    strokeWidth=shape.width,
                    strokeDashArray=[6, 4] if shape.dashed else None,
                )
            )
        elif isinstance(shape, Text):
            group.add(
                String(
                    shape.x,
                    h - shape.y,
                    shape.text,
                    fontName="Helvetica",
                    fontSize=shape.size,
                    fillColor=HexColor(shape.fill),
                    textAnchor=shape.anchor,
                )
            )
    group.transform = (scale, 0, 0, scale, 0, 0)
    drawing = Drawing(width, chart.height * scale)
    drawing.add(group)
    return drawing
