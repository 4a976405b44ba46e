"""The alignment analysis: how a department lines up with the focus areas, where it should
work more, and the city-wide picture. Every function is a fixed number of queries.

"Areas to work more on" for a department's report (the rule the tests state):
- only focus areas the department rated relevant (a score of 1 or more) can be named;
- an area is named when its score is the department's lowest relevant score and below
  3 (established), or when the department has no initiative linked to it;
- named areas come lowest score first, then in the programme's order; each carries its
  reasons, the area's priorities, and up to five published initiatives of other
  departments under way that year in that area, those of the best-assessed departments
  first (their approved reports of the same round).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber, Substr
from django.urls import reverse

from ambassadors.models import Department
from initiatives.models import Initiative
from programme.models import Programme, ProgrammeNode

from .models import Assessment, DepartmentReport, FollowupRound, Indicator, IndicatorValue, Score

ESTABLISHED = Score.ESTABLISHED
POINTERS = 5


@dataclass
class AreaRow:
    focus_area: ProgrammeNode
    score: int | None
    previous: int | None
    initiative_count: int
    assessment: Assessment | None = None

    @property
    def change(self) -> int | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass
class WorkMore:
    focus_area: ProgrammeNode
    score: int
    reasons: list[str]
    priorities: list[ProgrammeNode]
    examples: list[Initiative]


@dataclass
class DepartmentAlignment:
    report: DepartmentReport
    rows: list[AreaRow]
    work_more: list[WorkMore]


def _focus_areas(programme) -> list[ProgrammeNode]:
    return list(
        ProgrammeNode.objects.for_programme(programme)
        .filter(depth__lte=3)
        .select_related("programme")
    )


def work_more_on(rows: list[AreaRow]) -> list[tuple[AreaRow, list[str]]]:
    """The rule in the module docstring, on prepared rows; reasons are codes."""
    relevant = [row for row in rows if row.score is not None and row.score >= Score.NOT_STARTED]
    if not relevant:
        return []
    lowest = min(row.score for row in relevant)
    named = []
    for row in relevant:
        reasons = []
        if row.score == lowest and lowest < ESTABLISHED:
            reasons.append("lowest")
        if row.initiative_count == 0:
            reasons.append("no_initiatives")
        if reasons:
            named.append((row, reasons))
    return sorted(named, key=lambda item: (item[0].score, item[0].focus_area.path))


@dataclass
class Example:
    """A published initiative offered as a pointer (light: the export may hold thousands)."""

    pk: int
    title: str
    lead_department_id: int
    lead_department_name: str
    published_at: object
    is_example: bool

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"pk": self.pk})


@dataclass
class YearData:
    """What every department's analysis of a year shares, read once."""

    year: int
    nodes: list[ProgrammeNode]
    examples: dict[int, list[Example]]  # focus area id → initiatives under way that year
    scores: dict[tuple[int, int], int | None]  # (department, focus area) → approved score
    previous: dict[tuple[int, int], int | None]  # the same for the year before

    @property
    def areas(self) -> list[ProgrammeNode]:
        return [node for node in self.nodes if node.depth == 2]


def _approved_scores(year: int) -> dict[tuple[int, int], int | None]:
    return {
        (department_id, area_id): score
        for department_id, area_id, score in Assessment.objects.filter(
            report__round__year=year, report__state=DepartmentReport.State.APPROVED
        ).values_list("report__department_id", "focus_area_id", "score")
    }


def year_data(*, year: int) -> YearData:
    """Four queries, whatever the number of departments and initiatives."""
    programme = Programme.objects.current()
    nodes = _focus_areas(programme)
    area_by_path = {node.path: node.pk for node in nodes if node.depth == 2}
    through = Initiative.priorities.through
    links = (
        through.objects.filter(
            initiative__state=Initiative.State.PUBLISHED,
            initiative__starts_on__year__lte=year,
            programmenode__programme=programme,
            programmenode__depth=3,
        )
        .filter(Q(initiative__ends_on__isnull=True) | Q(initiative__ends_on__year__gte=year))
        .values_list(
            "programmenode__path", "initiative_id", "initiative__title",
            "initiative__lead_department_id", "initiative__lead_department__name",
            "initiative__published_at", "initiative__is_example",
        )
        .order_by("initiative_id")
    )  # fmt: skip
    examples: dict[int, list[Example]] = {pk: [] for pk in area_by_path.values()}
    seen: set[tuple[int, int]] = set()
    steplen = ProgrammeNode.steplen
    for path, *fields in links.iterator(chunk_size=5000):
        area = area_by_path.get(path[: 2 * steplen])
        if area is not None and (area, fields[0]) not in seen:
            seen.add((area, fields[0]))
            examples[area].append(Example(*fields))
    return YearData(
        year=year,
        nodes=nodes,
        examples=examples,
        scores=_approved_scores(year),
        previous=_approved_scores(year - 1),
    )


def _example_order(score, published_at, pk):
    """Pointers come from the best-assessed departments first, then the newest."""
    return (
        -(score if score is not None else -1),
        -(published_at.timestamp() if published_at else 0),
        pk,
    )


def top_examples(*, year: int, areas: list[ProgrammeNode], exclude_department: int) -> dict:
    """Up to POINTERS published initiatives of other departments under way in ``year`` for
    each of ``areas``, in _example_order, chosen by the database in one query (a window
    function), so a page stays fast however many initiatives the city has."""
    if not areas:
        return {}
    steplen = ProgrammeNode.steplen
    area_path = Substr("programmenode__path", 1, 2 * steplen)
    lead_score = Subquery(
        Assessment.objects.filter(
            report__round__year=year,
            report__state=DepartmentReport.State.APPROVED,
            report__department_id=OuterRef("initiative__lead_department_id"),
            focus_area__path=OuterRef("area_path"),
        ).values("score")[:1]
    )
    through = Initiative.priorities.through
    rows = (
        through.objects.filter(
            initiative__state=Initiative.State.PUBLISHED,
            initiative__starts_on__year__lte=year,
            programmenode__programme_id=areas[0].programme_id,
            programmenode__depth=3,
        )
        .filter(Q(initiative__ends_on__isnull=True) | Q(initiative__ends_on__year__gte=year))
        .exclude(initiative__lead_department_id=exclude_department)
        .annotate(area_path=area_path)
        .filter(area_path__in=[area.path for area in areas])
        .annotate(lead_score=Coalesce(lead_score, Value(-1)))
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("area_path")],
                order_by=[F("lead_score").desc(), F("initiative__published_at").desc(),
                          F("initiative_id").asc()],
            )
        )  # fmt: skip
        .filter(place__lte=POINTERS * 2)  # room for initiatives listed under two priorities
        .values_list(
            "area_path", "initiative_id", "initiative__title", "initiative__lead_department_id",
            "initiative__lead_department__name", "initiative__published_at",
            "initiative__is_example", "lead_score",
        )
    )  # fmt: skip
    by_path = {area.path: area.pk for area in areas}
    chosen: dict[int, list[tuple]] = {area.pk: [] for area in areas}
    for path, pk, *fields, score in rows:
        items = chosen[by_path[path]]
        if all(item[1].pk != pk for item in items):
            items.append(
                (_example_order(score if score >= 0 else None, fields[3], pk), Example(pk, *fields))
            )
    return {
        area: [example for _key, example in sorted(items, key=lambda item: item[0])][:POINTERS]
        for area, items in chosen.items()
    }


def department_alignment(
    *, report: DepartmentReport, data: YearData | None = None, assessments=None
) -> DepartmentAlignment:
    """The report's table (focus areas × assessment, initiatives, change since last year)
    and its areas to work more on, with pointers. A caller that analyses many reports
    passes ``data`` (read once for the year) and each report's ``assessments`` (annotated
    with ``linked``); on its own, a report costs five queries whatever the data size."""
    year, department = report.round.year, report.department_id
    if data is not None:
        nodes, previous = data.nodes, data.previous
    else:
        nodes = _focus_areas(Programme.objects.current())
        previous = {
            (department, area_id): score
            for area_id, score in Assessment.objects.filter(
                report__department_id=department,
                report__round__year=year - 1,
                report__state=DepartmentReport.State.APPROVED,
            ).values_list("focus_area_id", "score")
        }
    if assessments is None:
        assessments = Assessment.objects.filter(report=report).annotate(
            linked=Count("initiatives", filter=Q(initiatives__state=Initiative.State.PUBLISHED))
        )
    by_area = {assessment.focus_area_id: assessment for assessment in assessments}
    rows = []
    for area in (node for node in nodes if node.depth == 2):
        assessment = by_area.get(area.pk)
        rows.append(
            AreaRow(
                focus_area=area,
                score=assessment.score if assessment else None,
                previous=previous.get((department, area.pk)),
                initiative_count=assessment.linked if assessment else 0,
                assessment=assessment,
            )
        )
    named = work_more_on(rows)
    if data is not None:
        examples = {
            row.focus_area.pk: sorted(
                (e for e in data.examples[row.focus_area.pk] if e.lead_department_id != department),
                key=lambda e, area=row.focus_area.pk: _example_order(
                    data.scores.get((e.lead_department_id, area)), e.published_at, e.pk
                ),
            )[:POINTERS]
            for row, _reasons in named
        }
    else:
        examples = top_examples(
            year=year, areas=[row.focus_area for row, _ in named], exclude_department=department
        )
    work_more = [
        WorkMore(
            focus_area=row.focus_area,
            score=row.score,
            reasons=reasons,
            priorities=[
                n for n in nodes if n.depth == 3 and n.path.startswith(row.focus_area.path)
            ],
            examples=examples[row.focus_area.pk],
        )
        for row, reasons in named
    ]
    return DepartmentAlignment(report=report, rows=rows, work_more=work_more)


@dataclass
class HeatRow:
    department: Department
    scores: list[int | None]


@dataclass
class IndicatorTrend:
    indicator: Indicator
    points: list[tuple[int, Decimal]]
    trend: str  # "better", "worse", "unchanged" or "" (too few values)

    @property
    def latest(self):
        return self.points[-1] if self.points else None


@dataclass
class CityOverview:
    year: int
    focus_areas: list[ProgrammeNode]
    heat: list[HeatRow]
    white_fields: list[ProgrammeNode]
    indicators: dict[int, list[IndicatorTrend]] = field(default_factory=dict)
    parents: dict[str, ProgrammeNode] = field(default_factory=dict)
    has_examples: bool = False


def white_fields(*, year: int, programme) -> list[ProgrammeNode]:
    """Priorities that no published initiative anywhere in the city works on in ``year``."""
    active = (
        Initiative.objects.published()
        .filter(starts_on__year__lte=year)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__year__gte=year))
    )
    return list(
        ProgrammeNode.objects.for_programme(programme)
        .filter(depth=3)
        .exclude(initiatives__in=active)
        .select_related("programme")
        .order_by("path")
    )


def trend(points: list[tuple[int, Decimal]], better: str) -> str:
    if len(points) < 2 or better == Indicator.Better.NEITHER:
        return ""
    last, before = points[-1][1], points[-2][1]
    if last == before:
        return "unchanged"
    rising = last > before
    return "better" if rising == (better == Indicator.Better.HIGHER) else "worse"


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
    points = [(value.year, value.value) for value in indicator.values.all()]
    return IndicatorTrend(indicator, points, trend(points, indicator.better))


def indicator_trends(*, year: int, programme, municipality_code: str) -> dict[int, list]:
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


def city_overview(*, year: int) -> CityOverview:
    """Departments × focus areas (approved reports only), white fields and key figures."""
    programme = Programme.objects.current()
    nodes = _focus_areas(programme)
    areas = [node for node in nodes if node.depth == 2]
    scores = _approved_scores(year)
    departments = Department.objects.filter(
        reports__round__year=year, reports__state=DepartmentReport.State.APPROVED
    ).order_by("name")
    heat = [
        HeatRow(department, [scores.get((department.pk, area.pk)) for area in areas])
        for department in departments
    ]
    indicators = indicator_trends(
        year=year, programme=programme, municipality_code=programme.municipality_code
    )
    return CityOverview(
        year=year,
        focus_areas=areas,
        heat=heat,
        white_fields=white_fields(year=year, programme=programme),
        indicators=indicators,
        parents={node.path: node for node in nodes if node.depth < 3},
        has_examples=FollowupRound.objects.filter(year=year, is_example=True).exists()
        or any(t.indicator.is_example for trends in indicators.values() for t in trends),
    )
