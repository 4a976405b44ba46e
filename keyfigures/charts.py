"""Charts as server-rendered SVG geometry. Each chart's template gives it a title and a
description, and the page shows the same numbers in a table; colour is never the only
carrier of meaning (bars are labelled, lines have marked points and values)."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Bar:
    label: str
    value: int | None


@dataclass
class BarChart:
    """Horizontal bars on a 0…maximum scale, drawn in HTML with one small SVG bar per row
    (static/css/site.css, "bar-chart"), so that labels are page text at the page's size
    and wrap on a phone instead of shrinking with the drawing."""

    bars: list[Bar]
    maximum: int

    @property
    def ticks(self) -> list[int]:
        return list(range(1, self.maximum))


def bar_chart(items: list[tuple[str, int | None]], *, maximum: int) -> BarChart:
    return BarChart([Bar(label, value) for label, value in items], maximum)


# Series charts (a key figure's page, two key figures compared): labelled axes with a
# scale, one line per series told apart by colour, dash and marker (never colour alone),
# and an optional target line. Sized in a small viewBox so that its text stays legible
# when the chart is shrunk to a phone's width.

#: Colours with at least 3:1 contrast against white (WCAG 1.4.11), then dashes and markers.
SERIES_COLOURS = ["#005a9c", "#b3261e", "#1b6e20", "#6b3fa0", "#8a4b00", "#00696b", "#444444"]
SERIES_DASHES = ["", "6 3", "2 3", "8 3 2 3"]
SERIES_MARKERS = ["circle", "square", "triangle", "diamond"]
#: The least distance between two year labels' centres, in the chart's units: the text is
#: 11 units high (set on each text element, which WeasyPrint's SVG needs: CSS does not
#: reach it), and a year about 26 wide.
YEAR_LABEL_GAP = 32


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low…high: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if high == low:
        low, high = low - (abs(low) or 1) / 2, high + (abs(high) or 1) / 2
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = [round(start, 10)]
    while ticks[-1] < high:
        ticks.append(round(start + len(ticks) * step, 10))
    return ticks


def tick_label(value: float) -> Decimal:
    return Decimal(str(value)).normalize() if value else Decimal(0)


@dataclass
class Axis:
    ticks: list[tuple[Decimal, float]]  # value, position
    unit: str
    side: str  # "left" or "right"


@dataclass
class SeriesLine:
    key: str
    label: str
    colour: str
    dash: str
    marker: str
    points: list[tuple[float, float, int, Decimal]]  # x, y, year, value
    axis: str = "left"

    @property
    def polyline(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _year, _value in self.points)

    @property
    def markers(self) -> list[str]:
        """An SVG path per point, in the series' marker shape."""
        return [marker_path(self.marker, x, y) for x, y, _year, _value in self.points]

    @property
    def sample(self) -> str:
        """The marker at the middle of the legend's 28 × 12 sample."""
        return marker_path(self.marker, 14, 6)


def marker_path(shape: str, x: float, y: float, size: float = 3.5) -> str:
    s = size
    if shape == "square":
        return f"M{x - s},{y - s}h{2 * s}v{2 * s}h{-2 * s}Z"
    if shape == "triangle":
        return f"M{x},{y - s - 0.5}L{x + s + 0.5},{y + s}H{x - s - 0.5}Z"
    if shape == "diamond":
        return f"M{x},{y - s - 0.8}L{x + s + 0.8},{y}L{x},{y + s + 0.8}L{x - s - 0.8},{y}Z"
    return f"M{x - s},{y}a{s},{s} 0 1,0 {2 * s},0a{s},{s} 0 1,0 {-2 * s},0"


@dataclass
class Target:
    value: Decimal
    year: int
    y: float
    x: float
    label: str


@dataclass
class SeriesChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    years: list[tuple[int, float]]
    axes: list[Axis]
    lines: list[SeriesLine]
    target: Target | None = None

    @property
    def plot_right(self) -> float:
        return self.width - self.right

    @property
    def year_label_y(self) -> float:
        return self.bottom + 18


def _scale(values: list[float]) -> tuple[list[float], Callable[[float], float]]:
    ticks = nice_ticks(min(values), max(values))
    return ticks, lambda value: (value - ticks[0]) / ((ticks[-1] - ticks[0]) or 1)


def series_chart(
    series: list[tuple[str, str, list[tuple[int, Decimal]]]],
    *,
    unit: str,
    target: tuple[Decimal, int, str] | None = None,
    second_unit: str | None = None,
    width: int = 360,
    height: int = 230,
) -> SeriesChart | None:
    """Lines over a common year axis. ``series`` is (key, label, points) each; with
    ``second_unit`` the second series is drawn on a scale of its own at the right."""
    values = [point for _key, _label, points in series for point in points]
    if not values:
        return None
    two_scales = second_unit is not None and len(series) == 2
    # Half a year label's width at least on the right: the last year is centred on its tick.
    left, right = 48.0, (48.0 if two_scales else 18.0)
    top, bottom = 14.0, height - 30.0
    years = sorted({year for year, _value in values} | ({target[1]} if target else set()))
    first_year, last_year = years[0], years[-1]

    def x_of(year: int) -> float:
        span = (last_year - first_year) or 1
        offset = (year - first_year) / span if last_year != first_year else 0.5
        return round(left + (width - left - right) * offset, 1)

    def y_of(fraction: float) -> float:
        return round(bottom - (bottom - top) * fraction, 1)

    groups = [series[:1], series[1:]] if two_scales else [series]
    axes: list[Axis] = []
    lines: list[SeriesLine] = []
    target_mark: Target | None = None
    for side, group in zip(("left", "right"), groups, strict=False):
        numbers = [float(v) for _k, _l, points in group for _y, v in points]
        if side == "left" and target:
            numbers.append(float(target[0]))
        if not numbers:
            continue
        ticks, fraction = _scale(numbers)
        axes.append(
            Axis(
                [(tick_label(t), y_of(fraction(t))) for t in ticks],
                unit if side == "left" else (second_unit or ""),
                side,
            )
        )
        for key, label, points in group:
            index = len(lines)
            lines.append(
                SeriesLine(
                    key,
                    label,
                    SERIES_COLOURS[index % len(SERIES_COLOURS)],
                    SERIES_DASHES[index % len(SERIES_DASHES)],
                    SERIES_MARKERS[index % len(SERIES_MARKERS)],
                    [(x_of(y), y_of(fraction(float(v))), y, v) for y, v in points],
                    side,
                )
            )
        if side == "left" and target:
            target_mark = Target(
                target[0], target[1], y_of(fraction(float(target[0]))), x_of(target[1]), target[2]
            )
    step = max(1, math.ceil(len(years) / 7))  # at most about seven year labels
    shown: list[int] = []
    for year in years[::step]:
        if not shown or x_of(year) - x_of(shown[-1]) >= YEAR_LABEL_GAP:
            shown.append(year)
    if years[-1] not in shown:
        # The last year is always labelled; the label before it gives way when the two
        # would touch.
        if len(shown) > 1 and x_of(years[-1]) - x_of(shown[-1]) < YEAR_LABEL_GAP:
            shown.pop()
        shown.append(years[-1])
    return SeriesChart(
        width,
        height,
        left,
        right,
        top,
        bottom,
        [(year, x_of(year)) for year in shown],
        axes,
        lines,
        target_mark,
    )
