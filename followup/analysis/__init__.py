"""The alignment analysis, by subject: how a department lines up (alignment), the city's
picture of a year (overview), key figures over time (trends), and what their codes say
(labels). Every function is a fixed number of queries."""

from .alignment import (
    AreaRow,
    DepartmentAlignment,
    Example,
    WorkMore,
    YearData,
    department_alignment,
    programme_of_year,
    top_examples,
    work_more_on,
    year_data,
)
from .overview import CityOverview, HeatRow, city_overview, priorities_without_initiatives
from .rollup import NodeFigures, rollup
from .trends import (
    IndicatorTrend,
    each_once,
    indicator_trends,
    municipality_values,
    trend,
    trend_for,
    trend_of,
)

__all__ = [
    "AreaRow",
    "CityOverview",
    "DepartmentAlignment",
    "Example",
    "HeatRow",
    "IndicatorTrend",
    "NodeFigures",
    "WorkMore",
    "YearData",
    "city_overview",
    "department_alignment",
    "each_once",
    "indicator_trends",
    "municipality_values",
    "priorities_without_initiatives",
    "programme_of_year",
    "rollup",
    "top_examples",
    "trend",
    "trend_for",
    "trend_of",
    "work_more_on",
    "year_data",
]
