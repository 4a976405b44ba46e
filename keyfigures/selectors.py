"""The key figures' own pages: one key figure's series (municipalities × genders) with its
table, chart, progress and trend, and two key figures side by side. Each read is a fixed
number of queries; the CSV download is the page's table, cell for cell."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core.i18n import LocalizedText
from core.resources import escape_formula
from pages import identity
from programme.models import Programme, ProgrammeNode

from . import charts
from .models import Gender, Indicator, IndicatorValue, Municipality
from .trends import IndicatorTrend, decimals, municipality_values, trend_for, trend_of

#: Kolada's code for the whole country.
COUNTRY = "0000"
#: Kolada's own page for a KPI.
KOLADA_KPI_URL = "https://www.kolada.se/verktyg/fri-sokning/?kpis={kpi}"

Point = tuple[int, Decimal]


@dataclass
class Series:
    municipality: Municipality
    gender: str
    points: list[Point]

    @property
    def key(self) -> str:
        return f"{self.municipality.code}-{self.gender}"

    @property
    def label(self) -> str:
        if self.gender == Gender.TOTAL:
            return self.municipality.name
        return f"{self.municipality.name}, {Gender(self.gender).label.lower()}"


@dataclass
class Table:
    """Years as rows, one column per series; an empty cell where a series has no value."""

    headers: list[str]
    rows: list[tuple[int, list[Decimal | None]]]

    @property
    def shown_rows(self) -> list[tuple[int, list[tuple[Decimal | None, int]]]]:
        """The rows with each value's decimals: a column shows every value with as many
        as its most precise value has (at most three), so that 67 stands as 67,0 beside
        66,9."""
        places = []
        for n in range(len(self.headers)):
            column = [values[n] for _year, values in self.rows]
            found = [decimals(value) for value in column if value is not None]
            places.append(min(max(found, default=0), 3))
        return [
            (year, [(value, places[n]) for n, value in enumerate(values)])
            for year, values in self.rows
        ]

    def csv(self) -> str:
        handle = io.StringIO()
        writer = csv.writer(handle)
        writer.writerow([escape_formula(header) for header in [_("Year"), *self.headers]])
        for year, values in self.rows:
            writer.writerow([year, *["" if value is None else plain(value) for value in values]])
        return handle.getvalue()


def plain(value: Decimal) -> str:
    """A value as written by hand: 63.8, 41000, never 63.800000 or 4.1E+4."""
    return format(value.normalize(), "f")


def table_of(series: list[tuple[str, list[Point]]]) -> Table:
    years = sorted({year for _label, points in series for year, _value in points})
    columns = [dict(points) for _label, points in series]
    return Table(
        [label for label, _points in series],
        [(year, [column.get(year) for column in columns]) for year in years],
    )


def order_municipalities(
    municipalities: Iterable[Municipality], home_code: str
) -> list[Municipality]:
    """The programme's own municipality first, the comparisons by name, the country last."""
    return sorted(
        municipalities,
        key=lambda m: (m.code != home_code, m.code == COUNTRY, m.name, m.code),
    )


@dataclass
class KeyFigurePage:
    indicator: Indicator
    programme: Programme | None
    home: Municipality | None
    municipalities: list[Municipality]  # those with values, in order
    genders: list[str]  # those with values, T first
    summary: IndicatorTrend | None  # the programme's municipality, all genders (T)
    focus_areas: list[ProgrammeNode]
    by_series: dict[tuple[str, str], list[Point]]
    series: list[Series] = field(default_factory=list)  # the chosen ones
    table: Table = field(default_factory=lambda: Table([], []))
    chart: charts.SeriesChart | None = None

    @property
    def kolada_url(self) -> str:
        kpi = self.indicator.kolada_id
        return KOLADA_KPI_URL.format(kpi=kpi) if kpi else ""

    @property
    def default_choice(self) -> dict[str, list[str]]:
        """The series shown when none are chosen: every municipality, all genders (T)."""
        return {"kommun": [m.code for m in self.municipalities], "kon": [Gender.TOTAL]}

    def choose(self, *, codes: list[str], genders: list[str]) -> "KeyFigurePage":
        """Show the series of the municipalities ``codes`` × ``genders``."""
        self.series = [
            Series(m, gender, self.by_series[(m.code, gender)])
            for m in self.municipalities
            if m.code in codes
            for gender in self.genders
            if gender in genders and (m.code, gender) in self.by_series
        ]
        self.table = table_of([(s.label, s.points) for s in self.series])
        self.chart = charts.series_chart(
            [(s.key, s.label, s.points) for s in self.series],
            unit=self.indicator.unit,
            target=target_of(self.indicator),
        )
        return self


def target_of(indicator: Indicator) -> tuple[Decimal, int, str] | None:
    """The key figure's target as a chart draws it: value, year, label."""
    if indicator.target_value is None or indicator.target_year is None:
        return None
    label = _("Target %(year)s") % {"year": indicator.target_year}
    return (indicator.target_value, indicator.target_year, label)


def trend_chart(item: IndicatorTrend) -> charts.SeriesChart | None:
    """The programme's municipality's line of a key figure, with its target."""
    return charts.series_chart(
        [("home", item.indicator.name_i18n, item.points)],
        unit=item.indicator.unit,
        target=target_of(item.indicator),
    )


#: A key figure's focus areas in the versions in force, in tree order, with their programme
#: (for their addresses).
FOCUS_AREAS = Prefetch(
    "focus_areas",
    queryset=ProgrammeNode.objects.in_force().select_related("programme").order_by("path"),
)


def indicators() -> list[Indicator]:
    """Every key figure with its focus areas, for the list and the comparison's choices."""
    return list(Indicator.objects.prefetch_related(FOCUS_AREAS).order_by("name", "pk"))


def values_of(indicator_ids: Iterable[int], **filters: Any) -> list[IndicatorValue]:
    return list(
        IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids, value__isnull=False, **filters
        )
        .select_related("municipality")
        .order_by("indicator_id", "municipality__code", "gender", "year")
    )


def key_figure(indicator: Indicator) -> KeyFigurePage:
    """The page of ``indicator`` (its focus areas and tags prefetched) with every series
    it has; ``choose`` picks those shown. Two queries besides the indicator's own."""
    programme = Programme.objects.current()
    home_code = (programme.municipality_code if programme else "") or (
        identity.current().municipality_code
    )
    by_series: dict[tuple[str, str], list[Point]] = {}
    found: dict[str, Municipality] = {}
    for value in values_of([indicator.pk]):
        found[value.municipality.code] = value.municipality
        by_series.setdefault((value.municipality.code, value.gender), []).append(
            (value.year, cast(Decimal, value.value))  # values_of leaves out empty ones
        )
    present = {gender for _code, gender in by_series}
    home = found.get(home_code)
    summary = trend_for(indicator, by_series.get((home_code, Gender.TOTAL), [])) if home else None
    return KeyFigurePage(
        indicator=indicator,
        programme=programme,
        home=home,
        municipalities=order_municipalities(found.values(), home_code),
        genders=[gender for gender in Gender.values if gender in present],
        summary=summary,
        focus_areas=list(indicator.focus_areas.all()),
        by_series=by_series,
    )


@dataclass
class Comparison:
    first: Indicator
    second: Indicator
    municipality: Municipality | None
    table: Table
    chart: charts.SeriesChart | None


def comparison(first: Indicator, second: Indicator) -> Comparison:
    """Two key figures for the programme's municipality (all genders together) on one year
    axis, each on its own scale. Two queries besides the indicators'."""
    programme = Programme.objects.current()
    home_code = (programme.municipality_code if programme else "") or (
        identity.current().municipality_code
    )
    points: dict[int, list[Point]] = {first.pk: [], second.pk: []}
    municipality = None
    home_values = values_of(
        [first.pk, second.pk], municipality__code=home_code, gender=Gender.TOTAL
    )
    for value in home_values:
        municipality = value.municipality
        points[value.indicator_id].append((value.year, cast(Decimal, value.value)))

    def label(indicator: Indicator) -> str:
        name = indicator.name_i18n  # keeps its language, for lang="sv" on an English page
        return LocalizedText(f"{name} ({indicator.unit})", name.lang) if indicator.unit else name

    pairs = [(label(first), points[first.pk]), (label(second), points[second.pk])]
    return Comparison(
        first,
        second,
        municipality,
        table_of(pairs),
        charts.series_chart(
            [("a", pairs[0][0], pairs[0][1]), ("b", pairs[1][0], pairs[1][1])],
            unit=first.unit,
            second_unit=second.unit,
        ),
    )


def indicators_for_node(node: ProgrammeNode) -> list[IndicatorTrend]:
    """The key figures of a focus area (for a priority: of its focus area), each with its
    values for the programme's municipality and its trend. Two queries; none for a
    direction."""
    if node.at_group_level:
        return []
    indicators = Indicator.objects.filter(
        focus_areas__path=node.ancestor_path(node.programme.area_depth),
        focus_areas__programme_id=node.programme_id,
    ).prefetch_related(municipality_values(node.programme.municipality_code))
    return [trend_of(indicator) for indicator in indicators]
