"""The geometry of a server-rendered SVG bar chart: plain Python, no Django.

A chart is drawn in the page (templates/components/bar_chart.jinja) from what ``stacked_bars``
works out here: one horizontal bar per category (a period, a council), split into segments, one per
series (a sector), each as long as its value. Horizontal bars keep long category names readable,
and the SVG's viewBox lets the browser scale the whole drawing to the width of a phone (320px).
The page always shows the same figures in a table beside the chart: the chart adds the picture,
never figures of its own.

Colours are from the GOV.UK Frontend palette, each at least 3:1 against white (WCAG 2.2, 1.4.11);
segments are parted by a white line, and the legend names each colour.
"""

from dataclasses import dataclass
from decimal import Decimal

# Dark enough against white for a graphical object; in the legend's order.
PALETTE = ["#1d70b8", "#505a5f", "#d4351c", "#00703c", "#4c2c92", "#912b88", "#b58840", "#003078"]


@dataclass(frozen=True)
class Segment:
    series: str  # the series' key
    label: str  # the series' label, for the segment's <title>
    value: Decimal
    x: float
    width: float
    colour: str
    text: str  # the value as written, with its unit: "13.5%"


@dataclass(frozen=True)
class Bar:
    label: str
    y: float  # top of the bar
    height: float
    label_y: float  # baseline of the category label, left of the bar
    segments: list
    note: str = ""  # said instead of a bar (like "fewer than 5 people")


@dataclass(frozen=True)
class Tick:
    value: Decimal
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: float
    plot_width: float
    plot_top: float
    plot_bottom: float
    bars: list
    ticks: list
    legend: list  # (key, label, colour)


def _number(value) -> Decimal:
    return Decimal(0) if value is None else Decimal(value)


def _tick_label(value: Decimal, unit: str) -> str:
    text = f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value):,}"
    return f"{text}{unit}"


def stacked_bars(
    categories: list,
    series: list,
    *,
    maximum=100,
    unit: str = "%",
    ticks: int = 4,
    width: int = 640,
    label_width: int = 200,
    bar_height: int = 24,
    gap: int = 10,
    axis_height: int = 28,
    notes: dict | None = None,
) -> Chart:
    """Horizontal stacked bars.

    ``categories``: [(label, {series key: value})], top to bottom; ``series``: [(key, label)] in
    stacking order, left to right. A segment is ``value / maximum`` of the plot's width (values
    past ``maximum`` are drawn to its end, and never below 0). ``notes``: {category label: text}
    for categories drawn with no bar, only the text (suppressed or empty figures).
    """
    maximum = _number(maximum)
    if maximum <= 0:
        raise ValueError("maximum must be positive")
    notes = notes or {}
    plot_left = float(label_width)
    plot_width = float(width - label_width - 16)
    plot_top = float(gap)
    colours = {key: PALETTE[i % len(PALETTE)] for i, (key, _label) in enumerate(series)}
    bars = []
    y = plot_top
    for label, values in categories:
        segments = []
        x = plot_left
        used = Decimal(0)
        for key, series_label in series:
            value = max(_number(values.get(key)), Decimal(0))
            drawn = min(value, maximum - used)
            used += drawn
            length = float(drawn / maximum) * plot_width
            if value > 0 and label not in notes:
                segments.append(Segment(key, series_label, value, round(x, 2), round(length, 2), colours[key],
                                        _tick_label(value, unit)))
            x += length
        bars.append(Bar(label, round(y, 2), float(bar_height), round(y + bar_height * 0.7, 2), segments,
                        notes.get(label, "")))
        y += bar_height + gap
    plot_bottom = y
    tick_marks = []
    for i in range(ticks + 1):
        value = maximum * i / ticks
        tick_marks.append(Tick(value, round(plot_left + plot_width * i / ticks, 2), _tick_label(value, unit)))
    return Chart(
        width=width, height=int(plot_bottom + axis_height), plot_left=plot_left, plot_width=plot_width,
        plot_top=plot_top, plot_bottom=plot_bottom, bars=bars, ticks=tick_marks,
        legend=[(key, label, colours[key]) for key, label in series],
    )
