"""Charts as server-rendered SVG geometry. Each chart's template gives it a title and a
description, and the page shows the same numbers in a table; colour is never the only
carrier of meaning (bars are labelled, lines have marked points and values)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Bar:
    label: str
    value: int | None
    y: float
    width: float


@dataclass
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]
    maximum: int
    ticks: list[tuple[int, float]]


def bar_chart(items: list[tuple[str, int | None]], *, maximum: int, width=640) -> BarChart:
    """Horizontal bars, one per item, on a 0…maximum scale."""
    label_width, bar_height, gap = 260, 18, 10
    plot = width - label_width - 40
    bars = [
        Bar(
            label=label,
            value=value,
            y=index * (bar_height + gap) + 20,
            width=round(plot * (value or 0) / maximum, 1),
        )
        for index, (label, value) in enumerate(items)
    ]
    ticks = [(tick, round(label_width + plot * tick / maximum, 1)) for tick in range(maximum + 1)]
    height = len(items) * (bar_height + gap) + 30
    return BarChart(width, height, label_width, bar_height, bars, maximum, ticks)


@dataclass
class LineChart:
    width: int
    height: int
    points: list[tuple[float, float, int, Decimal]]  # x, y, year, value

    @property
    def polyline(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _year, _value in self.points)


def line_chart(points: list[tuple[int, Decimal]], *, width=280, height=90) -> LineChart | None:
    """A small line of values over years, scaled to its own range."""
    if not points:
        return None
    pad = 12
    years = [year for year, _ in points]
    values = [float(value) for _, value in points]
    low, high = min(values), max(values)
    span_x = (max(years) - min(years)) or 1
    span_y = (high - low) or 1
    scaled = [
        (
            round(pad + (width - 2 * pad) * (year - min(years)) / span_x, 1),
            round(height - pad - (height - 2 * pad) * (float(value) - low) / span_y, 1),
            year,
            value,
        )
        for year, value in points
    ]
    return LineChart(width, height, scaled)
