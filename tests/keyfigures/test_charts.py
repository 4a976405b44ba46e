"""The series chart's year axis: every label readable, none touching the next, the first
and last years always labelled, the last one inside the chart."""

from decimal import Decimal

import pytest

from keyfigures.charts import YEAR_LABEL_GAP, series_chart


@pytest.mark.parametrize(
    ("years", "target_year"),
    [(range(2020, 2025), 2030), (range(2016, 2031), None), (range(2024, 2026), None)],
)
def test_year_labels_never_touch_and_the_last_is_inside(years, target_year):
    points = [(year, Decimal(60 + year % 5)) for year in years]
    target = (Decimal(75), target_year, "Mål") if target_year else None
    chart = series_chart([("a", "A", points)], unit="%", target=target)
    labelled = [year for year, _x in chart.years]
    xs = [x for _year, x in chart.years]
    assert labelled[0] == years[0] and labelled[-1] == (target_year or years[-1])
    assert all(b - a >= YEAR_LABEL_GAP for a, b in zip(xs, xs[1:], strict=False))
    assert xs[-1] + 13 <= chart.width  # half a four-digit year at the charts' text size
