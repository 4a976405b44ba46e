"""Key figures over the years, and whether they move the right way."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from programme.models import Programme

from . import labels
from .models import Indicator, IndicatorValue
from .progress import Progress, progress, trend

NO_STATUS = "none"


def decimals(value: Decimal) -> int:
    """How many decimals ``value`` has, written by hand: 66.9 has one, 67.000 none."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass
class IndicatorTrend:
    indicator: Indicator
    points: list[tuple[int, Decimal]]
    trend: str  # labels.BETTER, WORSE, UNCHANGED or "" (too few values)
    progress: Progress | None = None  # for a key figure with a target

    @property
    def decimals(self) -> int:
        """The decimals its values are shown with, all alike (67,0 beside 66,9)."""
        return min(max((decimals(value) for _year, value in self.points), default=0), 3)

    @property
    def latest(self) -> tuple[int, Decimal] | None:
        return self.points[-1] if self.points else None

    @property
    def trend_label(self) -> str:
        return labels.trend_label(self.trend)

    @property
    def status(self) -> tuple[str, str]:
        """(code, label): its progress where it has a target, else its trend ("none" when
        neither can be told)."""
        if self.progress is not None:
            return (self.progress.status or NO_STATUS, self.progress.label)
        return (f"trend-{self.trend}" if self.trend else NO_STATUS, self.trend_label)


def progress_of(indicator: Indicator, points: list[tuple[int, Decimal]]) -> Progress | None:
    """The key figure's progress towards its target; None without a target."""
    if indicator.target_value is None or indicator.target_year is None:
        return None
    return progress(
        points,
        better=indicator.better,
        target=indicator.target_value,
        target_year=indicator.target_year,
        baseline_year=indicator.baseline_year,
    )


def municipality_values(municipality_code: str, **filters) -> Prefetch:
    """A key figure's values for one municipality (all genders together, T), by year."""
    return Prefetch(
        "values",
        queryset=IndicatorValue.objects.filter(
            municipality__code=municipality_code, gender="T", value__isnull=False, **filters
        ).order_by("year"),
    )


def trend_for(indicator: Indicator, points: list[tuple[int, Decimal]]) -> IndicatorTrend:
    """``points`` (year order) of the key figure with their trend and its progress."""
    return IndicatorTrend(
        indicator, points, trend(points, indicator.better), progress_of(indicator, points)
    )


def trend_of(indicator: Indicator) -> IndicatorTrend:
    """The key figure's points (its prefetched values), their trend and its progress."""
    # The prefetch (municipality_values) leaves out empty values.
    points = [(v.year, v.value) for v in indicator.values.all() if v.value is not None]
    return trend_for(indicator, points)


def each_once(by_area: dict[int, list[IndicatorTrend]]) -> list[IndicatorTrend]:
    """The key figures of ``indicator_trends``, each once (a key figure can inform several
    focus areas), by name."""
    unique = {item.indicator.pk: item for items in by_area.values() for item in items}
    return sorted(unique.values(), key=lambda item: (item.indicator.name, item.indicator.pk))


def indicator_trends(
    *, year: int, programme: Programme, municipality_code: str
) -> dict[int, list[IndicatorTrend]]:
    """Each focus area's key figures with their values for the programme's municipality
    (all genders together, T) up to ``year``. Two queries."""
    indicators = (
        Indicator.objects.filter(focus_areas__programme=programme)
        .prefetch_related(municipality_values(municipality_code, year__lte=year), "focus_areas")
        .distinct()
    )
    by_area: dict[int, list[IndicatorTrend]] = {}
    for indicator in indicators:
        item = trend_of(indicator)
        for area in indicator.focus_areas.all():
            by_area.setdefault(area.pk, []).append(item)
    return by_area
