"""The key figures' sheets of the annual follow-up export (followup.export): every value up
to the year, and each key figure's status (core.sheets)."""

from collections.abc import Iterator
from functools import partial

from django.utils.translation import gettext as _

from core.sheets import Sheet

from .models import Gender, Indicator, IndicatorValue
from .trends import IndicatorTrend


def _better_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Indicator.Better.choices}


def _gender_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Gender.choices}


def _value_rows(year: int) -> Iterator[list]:
    values = (
        IndicatorValue.objects.filter(year__lte=year)
        .order_by("indicator__name", "indicator_id", "municipality__code", "year", "gender")
        .values_list(
            "indicator__name",
            "indicator__kolada_id",
            "indicator__unit",
            "indicator__better",
            "indicator__target_value",
            "indicator__target_year",
            "municipality__code",
            "municipality__name",
            "year",
            "gender",
            "value",
        )
    )
    better_labels, gender_labels = _better_labels(), _gender_labels()
    for name, kpi, unit, better, *rest in values.iterator(chunk_size=5000):
        target, target_year, code, municipality, value_year, gender, value = rest
        yield [
            name,
            kpi,
            unit,
            better_labels.get(str(better), better),
            target,
            target_year,
            code,
            municipality,
            value_year,
            gender_labels.get(str(gender), gender),
            value,
        ]


def _status_rows(key_figures: list[IndicatorTrend]) -> Iterator[list]:
    better_labels = _better_labels()
    for item in key_figures:
        indicator, progress = item.indicator, item.progress
        latest = item.latest
        yield [
            indicator.name,
            indicator.kolada_id or "",
            indicator.unit,
            better_labels.get(indicator.better, indicator.better),
            indicator.target_value,
            indicator.target_year,
            progress.baseline[0] if progress and progress.baseline else None,
            progress.baseline[1] if progress and progress.baseline else None,
            latest[0] if latest else None,
            latest[1] if latest else None,
            progress.label if progress else "",
            item.trend_label,
        ]


def values_sheet(year: int) -> Sheet:
    """Every value of every key figure up to ``year``, by municipality, year and gender."""
    return Sheet(
        _("Key figures"),
        [
            _("Key figure"),
            _("Kolada id"),
            _("Unit"),
            _("Which direction is better"),
            _("Target value"),
            _("Target year"),
            _("Municipality code"),
            _("Municipality"),
            _("Year"),
            _("Gender"),
            _("Value"),
        ],
        partial(_value_rows, year),
        {0: 50, 3: 22, 7: 16},
    )


def status_sheet(key_figures: list[IndicatorTrend]) -> Sheet:
    """Each key figure's target, baseline, latest value, progress and trend."""
    return Sheet(
        _("Key figure status"),
        [
            _("Key figure"),
            _("Kolada id"),
            _("Unit"),
            _("Which direction is better"),
            _("Target value"),
            _("Target year"),
            _("Baseline year"),
            _("Baseline value"),
            _("Latest year"),
            _("Latest value"),
            _("Progress towards the target"),
            _("Trend"),
        ],
        partial(_status_rows, key_figures),
        {0: 50, 3: 22, 10: 26, 11: 20},
    )
