"""The city-wide picture of a year: departments × focus areas, the priorities no
initiative works on, and the key figures."""

from dataclasses import dataclass, field
from typing import cast

from ambassadors.models import Department
from core import review
from initiatives import selectors as initiative_selectors
from keyfigures.trends import IndicatorTrend, indicator_trends
from programme.history import words_as_of
from programme.models import Programme, ProgrammeNode

from ..models import DepartmentReport, FollowupRound
from .alignment import approved_scores, focus_area_tree, programme_of_year, year_approved_at
from .rollup import NodeFigures, rollup


@dataclass
class HeatRow:
    department: Department
    scores: list[int | None]


@dataclass
class CityOverview:
    year: int
    focus_areas: list[ProgrammeNode]
    heat: list[HeatRow]
    without_initiatives: list[ProgrammeNode]
    indicators: dict[int, list[IndicatorTrend]] = field(default_factory=dict)
    parents: dict[str, ProgrammeNode] = field(default_factory=dict)
    has_examples: bool = False
    municipality_name: str = ""
    figures: list[NodeFigures] = field(default_factory=list)  # directions and focus areas
    programme: Programme | None = None  # the version the year was followed up against


def city_overview(*, year: int) -> CityOverview:
    """Departments × focus areas (approved reports only), the priorities without
    initiatives, and the key figures."""
    # A year is followed up against a programme: there is one once a round exists.
    programme = cast(Programme, programme_of_year(year))
    nodes = focus_area_tree(programme, year)
    areas = [node for node in nodes if node.at_area_level]
    scores = approved_scores(year)
    departments = Department.objects.filter(
        review.published_filter(DepartmentReport, "reports__"), reports__round__year=year
    ).order_by("name")
    heat = [
        HeatRow(department, [scores.get((department.pk, area.pk)) for area in areas])
        for department in departments
    ]
    indicators = indicator_trends(
        year=year, programme=programme, municipality_code=programme.municipality_code
    )
    return CityOverview(
        programme=programme,
        year=year,
        focus_areas=areas,
        heat=heat,
        without_initiatives=words_as_of(
            initiative_selectors.priorities_idle_in(year=year, programme=programme),
            year_approved_at(year),
        ),
        indicators=indicators,
        parents={node.path: node for node in nodes if node.at_area_level or node.at_group_level},
        municipality_name=programme.municipality if programme else "",
        figures=list(
            rollup(
                year=year, programme=programme, nodes=nodes, scores=scores, trends=indicators
            ).values()
        ),
        has_examples=FollowupRound.objects.filter(year=year, is_example=True).exists()
        or any(t.indicator.is_example for trends in indicators.values() for t in trends),
    )
