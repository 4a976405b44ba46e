"""How a key figure moves: progress towards its target, or without one its trend.

Progress follows the method Statistics Canada developed and Open SDG publishes (Progress
Measurement Methodology): the compound annual growth rate observed from the baseline to
the latest value is compared with the rate that would reach the target in the target
year. Where a value is zero or below, compound growth is not defined and the yearly
change is used instead (a straight line). The method page (followup.views.method) states
all of it from the constants below, so the page cannot drift from the code.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import labels

#: Ratio of the observed to the required growth rate at or above which a key figure is on
#: track for its target ("substantial progress").
SUBSTANTIAL = Decimal("0.95")
#: … at or above which it has made moderate progress (acceleration needed).
MODERATE = Decimal("0.60")
#: … at or above which it has made limited progress; below it, it has deteriorated.
LIMITED = Decimal("0")

#: A trend is read over at most this many years back from the latest value.
TREND_YEARS = 5
#: Yearly change (relative to the first value of the period) within which a key figure is
#: unchanged: a drop from 67 to 66.9 is not "worse".
TREND_TOLERANCE = Decimal("0.005")


class Status(models.TextChoices):
    ACHIEVED = "achieved", _("Target achieved")
    SUBSTANTIAL = "substantial", _("Substantial progress")
    MODERATE = "moderate", _("Moderate progress")
    LIMITED = "limited", _("Limited progress")
    DETERIORATION = "deterioration", _("Deterioration")


Point = tuple[int, Decimal]


def growth_rate(first: Point, last: Point) -> Decimal | None:
    """The yearly growth from ``first`` to ``last`` as a fraction of the first value:
    compound where both values are above zero, else straight-line. None when the years are
    the same or the first value is zero."""
    (year0, value0), (year1, value1) = first, last
    years = year1 - year0
    if years <= 0 or value0 == 0:
        return None
    if value0 > 0 and value1 > 0:
        return (value1 / value0) ** (Decimal(1) / years) - 1
    return (value1 - value0) / abs(value0) / years


@dataclass(frozen=True)
class Progress:
    """The status of a key figure with a target, and what it was computed from."""

    status: str  # a Status, or "" when it cannot be computed
    baseline: Point | None
    latest: Point | None
    observed: Decimal | None  # growth a year, baseline → latest
    required: Decimal | None  # growth a year needed, baseline → target
    ratio: Decimal | None

    @property
    def label(self) -> str:
        return str(Status(self.status).label) if self.status else ""

    @property
    def observed_percent(self) -> Decimal | None:
        return None if self.observed is None else self.observed * 100

    @property
    def required_percent(self) -> Decimal | None:
        return None if self.required is None else self.required * 100


def progress(
    points: list[Point],
    *,
    better: str,
    target: Decimal,
    target_year: int,
    baseline_year: int | None = None,
) -> Progress:
    """The status of ``points`` (year order) towards ``target`` in ``target_year``, from
    the value of ``baseline_year`` (default: the first value). ``better`` is "higher" or
    "lower"."""
    direction = 1 if better == "higher" else -1
    baseline = next(
        (point for point in points if baseline_year is None or point[0] == baseline_year), None
    )
    latest = points[-1] if points else None
    if baseline is None or latest is None:
        return Progress("", baseline, latest, None, None, None)
    if direction * (latest[1] - target) >= 0:
        return Progress(Status.ACHIEVED, baseline, latest, None, None, None)
    observed = growth_rate(baseline, latest)
    required = growth_rate(baseline, (target_year, target))
    if observed is None:
        return Progress("", baseline, latest, None, required, None)
    if required is None or direction * required <= 0:
        # The baseline already met the target (or no growth is needed) and the latest
        # value no longer does: the key figure has gone the wrong way.
        return Progress(Status.DETERIORATION, baseline, latest, observed, required, None)
    ratio = direction * observed / abs(required)
    if ratio >= SUBSTANTIAL:
        status = Status.SUBSTANTIAL
    elif ratio >= MODERATE:
        status = Status.MODERATE
    elif ratio >= LIMITED:
        status = Status.LIMITED
    else:
        status = Status.DETERIORATION
    return Progress(status, baseline, latest, observed, required, ratio)


def trend_period(points: list[Point]) -> tuple[Point, Point] | None:
    """The first and last value of the trend's period: from the earliest value of the last
    TREND_YEARS years (or, when the latest is the only one there, the value before it) to
    the latest."""
    if len(points) < 2:
        return None
    *earlier, latest = points
    within = [point for point in earlier if point[0] >= latest[0] - TREND_YEARS]
    return (within[0] if within else earlier[-1], latest)


def trend(points: list[Point], better: str) -> str:
    """Whether ``points`` moved the better way over the trend's period, ignoring a yearly
    change within TREND_TOLERANCE: labels.BETTER, WORSE, UNCHANGED, or "" when there are
    too few values or neither direction is better."""
    period = trend_period(points)
    if period is None or better not in ("higher", "lower"):
        return ""
    rate = growth_rate(*period)
    if rate is None:
        return ""
    if abs(rate) < TREND_TOLERANCE:
        return labels.UNCHANGED
    return labels.BETTER if (rate > 0) == (better == "higher") else labels.WORSE
