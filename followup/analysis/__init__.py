"""The alignment analysis, by subject: how a department lines up (alignment), the city's
picture of a year (overview), the figures of a node (rollup), and what their codes say
(labels); key figures over time are keyfigures.trends. Every function is a fixed number of
queries."""

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
from .overview import CityOverview, HeatRow, city_overview
from .rollup import NodeFigures, rollup

__all__ = [
    "AreaRow",
    "CityOverview",
    "DepartmentAlignment",
    "Example",
    "HeatRow",
    "NodeFigures",
    "WorkMore",
    "YearData",
    "city_overview",
    "department_alignment",
    "programme_of_year",
    "rollup",
    "top_examples",
    "work_more_on",
    "year_data",
]
