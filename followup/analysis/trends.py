"""Key figures over the years, and whether they move the right way."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from programme.models import Programme

from ..models import Indicator, IndicatorValue
from . import labels


@dataclass
class IndicatorTrend:
    indicator: Indicator
    points: list[tuple[int, Decimal]]
    trend: str  # labels.BETTER, WORSE, UNCHANGED or "" (too few values)

    @property
    def latest(self) -> tuple[int, Decimal] | None:
        return self.points[-1] if self.points else None

    @property
    def trend_label(self) -> str:
        return labels.trend_label(self.trend)


def trend(points: list[tuple[int, Decimal]], better: str) -> str:
    """How the last value moved from the one before, judged by ``better``."""
    if len(points) < 2 or better == Indicator.Better.NEITHER:
        return ""
    last, before = points[-1][1], points[-2][1]
    if last == before:
        return labels.UNCHANGED
    rising = last > before
    return labels.BETTER if rising == (better == Indicator.Better.HIGHER) else labels.WORSE


def municipality_values(municipality_code: str, **filters) -> Prefetch:
    """A key figure's values for one municipality (all genders together, T), by year."""
    return Prefetch(
        "values",
        queryset=IndicatorValue.objects.filter(
            municipality__code=municipality_code, gender="T", value__isnull=False, **filters
        ).order_by("year"),
    )


def trend_of(indicator: Indicator) -> IndicatorTrend:
    """The key figure's points (its prefetched values) and their trend."""
    # The prefetch (municipality_values) leaves out empty values.
    points = [(v.year, v.value) for v in indicator.values.all() if v.value is not None]
    return IndicatorTrend(indicator, points, trend(points, indicator.better))


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
