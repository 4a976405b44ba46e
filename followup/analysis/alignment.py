"""How one department lines up with the focus areas, and where it should work more.
Every function is a fixed number of queries.

"Areas to work more on" for a department's report (the rule the tests state):
- only focus areas the department rated relevant (a score of 1 or more) can be named;
- an area is named when its score is the department's lowest relevant score and below
  3 (established), or when the department has no initiative linked to it;
- named areas come lowest score first, then in the programme's order; each carries its
  reasons, the area's priorities, and up to five published initiatives of other
  departments under way that year in that area, those of the best-assessed departments
  first (their approved reports of the same round).
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice

from django.db.models import Count, F, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse

from core import review
from initiatives.models import Initiative
from initiatives.selectors import published_priority_links
from programme import versions
from programme.history import words_as_of
from programme.models import NodeKind, Programme, ProgrammeNode
from programme.tree import DEPTH_BY_KIND, ancestor_path, ancestor_path_of

from ..models import Assessment, DepartmentReport, FollowupRound, Score
from . import labels

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
    score: int | None  # never None: only assessed areas are named
    reasons: list[str]  # labels.LOWEST, labels.NO_INITIATIVES
    priorities: list[ProgrammeNode]
    examples: list["Example"]

    @property
    def reason_labels(self) -> list[str]:
        return [labels.reason_label(reason, self.score) for reason in self.reasons]


@dataclass
class DepartmentAlignment:
    report: DepartmentReport
    rows: list[AreaRow]
    work_more: list[WorkMore]


def programme_of_year(year: int) -> Programme | None:
    """The programme version ``year`` was followed up against: its round's, else (a round
    opened before rounds named one, or none yet) the current one."""
    round_ = FollowupRound.objects.filter(year=year).select_related("programme").first()
    if round_ is not None and round_.programme is not None:
        return round_.programme
    return Programme.objects.current()


def previous_scores(year: int, programme: Programme | None) -> dict[tuple[int, int], int | None]:
    """The approved scores of the year before ``year``, on ``programme``'s focus areas:
    when that year was followed up against an earlier version, through the versions'
    mapping (programme.versions): a kept or renamed area keeps its score, a split one gives
    it to each of its parts, merged ones give the mean of theirs (half up); a dropped area
    has no successor."""
    scores = approved_scores(year - 1)
    before = programme_of_year(year - 1)
    if before is None or programme is None or before.pk == programme.pk:
        return scores
    mapping = versions.mapping_between(before, programme)
    gathered: dict[tuple[int, int], list[int]] = {}
    for (department, area), score in scores.items():
        for target in mapping.get(area, []):
            values = gathered.setdefault((department, target), [])
            if score is not None:
                values.append(score)
    return {
        key: int((Decimal(sum(values)) / len(values)).quantize(Decimal(1), ROUND_HALF_UP))
        if values
        else None
        for key, values in gathered.items()
    }


def focus_area_tree(programme: Programme | None, year: int) -> list[ProgrammeNode]:
    """The programme's nodes in tree order, with their programme, named as they were
    when ``year``'s latest report was approved (words_as_of)."""
    nodes = list(ProgrammeNode.objects.for_programme(programme).select_related("programme"))
    return words_as_of(nodes, year_approved_at(year))


def year_approved_at(year: int) -> Subquery:
    """When the latest report of ``year`` was approved (NULL before any was), as a
    subquery: a followed-up year's pages show the programme's words of that moment."""
    latest = (
        DepartmentReport.objects.filter(review.published_filter(DepartmentReport))
        .filter(round__year=year)
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    return Subquery(latest)


def work_more_on(rows: list[AreaRow]) -> list[tuple[AreaRow, list[str]]]:
    """The rule in the module docstring, on prepared rows; reasons are codes."""
    relevant = [
        (row, row.score) for row in rows if row.score is not None and row.score >= Score.NOT_STARTED
    ]
    if not relevant:
        return []
    lowest = min(score for _row, score in relevant)
    named = []
    for row, score in relevant:
        reasons = []
        if score == lowest and lowest < ESTABLISHED:
            reasons.append(labels.LOWEST)
        if row.initiative_count == 0:
            reasons.append(labels.NO_INITIATIVES)
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
    published_at: datetime | None
    is_example: bool

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"pk": self.pk})


@dataclass
class YearData:
    """What every department's analysis of a year shares, read once."""

    year: int
    nodes: list[ProgrammeNode]
    # focus area id → initiatives under way that year, in _example_order (sorted once)
    examples: dict[int, list[Example]]
    scores: dict[tuple[int, int], int | None]  # (department, focus area) → approved score
    previous: dict[tuple[int, int], int | None]  # the same for the year before

    @property
    def areas(self) -> list[ProgrammeNode]:
        return [node for node in self.nodes if node.at_area_level]


def approved_scores(year: int) -> dict[tuple[int, int], int | None]:
    """(department, focus area) → the score of the department's approved report."""
    return {
        (department_id, area_id): score
        for department_id, area_id, score in Assessment.objects.filter(
            review.published_filter(DepartmentReport, "report__"), report__round__year=year
        ).values_list("report__department_id", "focus_area_id", "score")
    }


def year_data(*, year: int) -> YearData:
    """Five queries, whatever the number of departments and initiatives."""
    programme = programme_of_year(year)
    nodes = focus_area_tree(programme, year)
    area_by_path = {node.path: node.pk for node in nodes if node.at_area_level}
    depth = programme.area_depth if programme else DEPTH_BY_KIND[NodeKind.FOCUS_AREA]
    links = (
        published_priority_links(year, programme)
        .values_list(
            "programmenode__path",
            "initiative_id",
            "initiative__title",
            "initiative__lead_department_id",
            "initiative__lead_department__name",
            "initiative__published_at",
            "initiative__is_example",
        )
        .order_by("initiative_id")
    )
    examples: dict[int, list[Example]] = {pk: [] for pk in area_by_path.values()}
    seen: set[tuple[int, int]] = set()
    for path, *fields in links.iterator(chunk_size=5000):
        area = area_by_path.get(ancestor_path(path, depth))
        if area is not None and (area, fields[0]) not in seen:
            seen.add((area, fields[0]))
            examples[area].append(Example(*fields))
    scores = approved_scores(year)
    for area, items in examples.items():
        # The order does not depend on who reads it: each department skips its own.
        items.sort(
            key=lambda e, area=area: _example_order(  # type: ignore[misc]
                scores.get((e.lead_department_id, area)), e.published_at, e.pk
            )
        )
    return YearData(
        year=year,
        nodes=nodes,
        examples=examples,
        scores=scores,
        previous=previous_scores(year, programme),
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
    area_path = ancestor_path_of("programmenode__path", areas[0].programme.area_depth)
    lead_score = Subquery(
        Assessment.objects.filter(
            review.published_filter(DepartmentReport, "report__"),
            report__round__year=year,
            report__department_id=OuterRef("initiative__lead_department_id"),
            focus_area__path=OuterRef("area_path"),
        ).values("score")[:1]
    )
    rows = (
        published_priority_links(year, areas[0].programme_id)
        .exclude(initiative__lead_department_id=exclude_department)
        .annotate(area_path=area_path)
        .filter(area_path__in=[area.path for area in areas])
        .annotate(lead_score=Coalesce(lead_score, Value(-1)))
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("area_path")],
                order_by=[
                    F("lead_score").desc(),
                    F("initiative__published_at").desc(),
                    F("initiative_id").asc(),
                ],
            )
        )
        .filter(place__lte=POINTERS * 2)  # room for initiatives listed under two priorities
        .values_list(
            "area_path",
            "initiative_id",
            "initiative__title",
            "initiative__lead_department_id",
            "initiative__lead_department__name",
            "initiative__published_at",
            "initiative__is_example",
            "lead_score",
        )
    )
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
        programme = programme_of_year(year)
        nodes = focus_area_tree(programme, year)
        previous = previous_scores(year, programme)
    if assessments is None:
        assessments = Assessment.objects.filter(report=report).annotate(
            linked=Count("initiatives", filter=review.published_filter(Initiative, "initiatives__"))
        )
    by_area = {assessment.focus_area_id: assessment for assessment in assessments}
    rows = []
    for area in (node for node in nodes if node.at_area_level):
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
            row.focus_area.pk: list(
                islice(
                    (
                        e
                        for e in data.examples[row.focus_area.pk]
                        if e.lead_department_id != department
                    ),
                    POINTERS,
                )
            )
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
            priorities=[n for n in nodes if n.at_leaf_level and n.is_descendant_of(row.focus_area)],
            examples=examples[row.focus_area.pk],
        )
        for row, reasons in named
    ]
    return DepartmentAlignment(report=report, rows=rows, work_more=work_more)
