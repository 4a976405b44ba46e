"""Progress towards a target and the trend without one, computed by hand (the method of
Statistics Canada that Open SDG publishes; keyfigures.progress)."""

from decimal import Decimal

import pytest

from keyfigures import labels
from keyfigures.progress import Status, growth_rate, progress, trend

D = Decimal


def status(points, target, target_year=2030, better="higher", baseline_year=None):
    return progress(
        [(year, D(value)) for year, value in points],
        better=better,
        target=D(target),
        target_year=target_year,
        baseline_year=baseline_year,
    )


@pytest.mark.parametrize(
    ("latest", "expected", "ratio"),
    [
        # From 50 in 2016 towards 70 in 2030 needs (70/50)^(1/14) - 1 = 2.4325 % a year.
        ("71", Status.ACHIEVED, None),
        ("70", Status.ACHIEVED, None),
        ("61", Status.SUBSTANTIAL, "1.0347"),  # (61/50)^(1/8) - 1 = 2.5168 %
        ("58", Status.MODERATE, "0.7698"),  # 1.8726 %
        ("52", Status.LIMITED, "0.2020"),  # 0.4915 %
        ("48", Status.DETERIORATION, "-0.2092"),  # -0.5090 %
    ],
)
def test_progress_towards_a_higher_target(latest, expected, ratio):
    result = status([(2016, "50"), (2020, "55"), (2024, latest)], "70")
    assert result.status == expected
    assert result.baseline == (2016, D(50)) and result.latest == (2024, D(latest))
    if ratio is None:
        assert result.ratio is None
    else:
        assert round(result.ratio, 4) == D(ratio)


def test_progress_towards_a_lower_target():
    # 20 → 15 in eight years is -3.5321 % a year; 20 → 10 by 2030 needs -4.8305 %.
    result = status([(2016, "20"), (2024, "15")], "10", better="lower")
    assert result.status == Status.MODERATE
    assert round(result.observed, 6) == D("-0.035321")
    assert round(result.required, 6) == D("-0.048305")
    assert round(result.ratio, 4) == D("0.7312")
    assert status([(2016, "20"), (2024, "9.5")], "10", better="lower").status == Status.ACHIEVED


def test_the_thresholds_are_inclusive_from_below():
    # Straight-line growth (the values are below zero): from -100 in 2020 to 0 in 2030
    # needs 10 % of |-100| a year; -81 in 2022 is 9.5 % a year, exactly 0.95 of it.
    assert status([(2020, "-100"), (2022, "-81")], "0").ratio == D("0.95")
    assert status([(2020, "-100"), (2022, "-81")], "0").status == Status.SUBSTANTIAL
    assert status([(2020, "-100"), (2022, "-81.2")], "0").status == Status.MODERATE
    assert status([(2020, "-100"), (2022, "-88")], "0").status == Status.MODERATE  # 0.60
    assert status([(2020, "-100"), (2022, "-100")], "0").status == Status.LIMITED  # 0


def test_a_baseline_that_met_the_target_and_a_latest_value_that_does_not():
    assert status([(2016, "75"), (2024, "68")], "70").status == Status.DETERIORATION


def test_the_baseline_year_chosen_by_the_team():
    points = [(2016, "40"), (2020, "50"), (2024, "58")]
    assert status(points, "70", baseline_year=2020).baseline == (2020, D(50))
    # A baseline year without a value: no status rather than a guess.
    missing = status(points, "70", baseline_year=2018)
    assert missing.status == "" and missing.label == ""


def test_too_few_values_give_no_status():
    assert status([], "70").status == ""
    assert status([(2024, "50")], "70").status == ""  # baseline and latest are one value
    assert status([(2016, "0"), (2024, "5")], "70").status == ""  # growth from zero


def test_the_growth_rate():
    assert growth_rate((2020, D(100)), (2022, D(121))) == D("0.1")
    assert growth_rate((2020, D(-50)), (2022, D(-40))) == D("0.1")
    assert growth_rate((2020, D(100)), (2020, D(121))) is None


def series(*values, start=2019):
    return [(start + index, D(value)) for index, value in enumerate(values)]


def test_a_small_drop_after_years_of_rise_is_not_worse():
    # The case: 67 → 66.9 after five years of rise reads the whole period.
    assert trend(series("60", "62", "64", "66", "67", "66.9"), "higher") == labels.BETTER
    # Only the two last values: -0.15 % is within the 0.5 % tolerance.
    assert trend(series("67", "66.9"), "higher") == labels.UNCHANGED
    assert trend(series("67", "66"), "higher") == labels.WORSE  # -1.5 %
    assert trend(series("67", "66"), "lower") == labels.BETTER


def test_the_trend_reads_the_last_five_years():
    # 2012's 100 is outside the period 2019–2024, which starts at 2019's 50.
    points = [(2012, D(100)), (2019, D(50)), (2024, D("50.5"))]
    assert trend(points, "higher") == labels.UNCHANGED  # 0.2 % a year
    # When the latest is alone in the period, the value before it starts it.
    assert trend([(2012, D(100)), (2024, D(50))], "higher") == labels.WORSE


def test_no_trend_without_a_better_direction_or_values():
    assert trend(series("1", "2"), "neither") == ""
    assert trend(series("1"), "higher") == ""
    assert trend(series("0", "5"), "higher") == ""
