"""Prepared data for the pages that combine several apps; each is a fixed number of
queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from ambassadors.models import Ambassador, Department
from followup.models import DepartmentReport
from goals.models import GoalFormulation
from initiatives.models import Initiative
from initiatives.querysets import led_or_joined_by
from programme.models import NodeKind, Programme, ProgrammeNode


def _published_count() -> Coalesce:
    """Published initiatives a department leads or takes part in, as a subquery."""
    return Coalesce(
        Subquery(
            Initiative.objects.published()
            .filter(led_or_joined_by(OuterRef("pk")))
            .order_by()
            .values("state")
            .annotate(count=Count("pk", distinct=True))
            .values("count")
        ),
        0,
    )


@dataclass
class KindGroup:
    kind: Department.Kind
    departments: list


def departments_by_kind() -> list[KindGroup]:
    """Active departments and companies grouped by kind, each with ``ambassador_count`` and
    ``published_count``. One query."""
    departments = (
        Department.objects.active()
        .with_ambassador_count()
        .annotate(published_count=_published_count())
        .order_by("kind", "name")
    )
    groups: dict[str, list] = {}
    for department in departments:
        groups.setdefault(department.kind, []).append(department)
    return [KindGroup(Department.Kind(kind), rows) for kind, rows in groups.items()]


@dataclass
class DepartmentPage:
    department: Department
    public_ambassadors: list
    initiatives: list
    has_examples: bool
    report_years: list[int]  # the years of its approved follow-up reports, newest first


DEPARTMENT_INITIATIVES = 20


def department_page(*, short_name: str) -> DepartmentPage:
    """One active department: its ambassadors (named only with consent) and the newest of
    the published initiatives it leads or takes part in, and the years of its approved
    follow-up reports. Four queries."""
    department = (
        Department.objects.active()
        .with_ambassador_count()
        .annotate(published_count=_published_count())
        .filter(short_name=short_name)
        .first()
    )
    if department is None:
        raise Http404
    initiatives = list(
        Initiative.objects.published()
        .for_department(department)
        .select_related("lead_department")
        .order_by("-published_at", "-pk")[:DEPARTMENT_INITIATIVES]
    )
    return DepartmentPage(
        department=department,
        public_ambassadors=list(Ambassador.objects.public().filter(departments=department)),
        initiatives=initiatives,
        has_examples=any(initiative.is_example for initiative in initiatives),
        report_years=list(
            DepartmentReport.objects.published()
            .filter(department=department)
            .order_by("-round__year")
            .values_list("round__year", flat=True)
        ),
    )


@dataclass
class WhiteFieldGroup:
    focus_area: ProgrammeNode
    priorities: list[ProgrammeNode]


@dataclass
class WhiteFieldReport:
    programme: Programme | None
    groups: list[WhiteFieldGroup]
    priority_count: int
    white_count: int


def white_fields(programme: Programme | None = None) -> WhiteFieldReport:
    """The priorities of the (current) programme that no steering document's goal
    formulation supports and no published initiative works on, under their focus areas.
    Two queries: the priorities with both facts, and the focus areas."""
    programme = programme or Programme.objects.current()
    if programme is None:
        return WhiteFieldReport(None, [], 0, 0)
    goals = GoalFormulation.priorities.through.objects.filter(programmenode_id=OuterRef("pk"))
    initiatives = Initiative.objects.published().filter(priorities=OuterRef("pk"))
    priorities = list(
        ProgrammeNode.objects.for_programme(programme)
        .priorities()
        .annotate(has_goal=Exists(goals), has_initiative=Exists(initiatives))
        .order_by("path")
    )
    white = [node for node in priorities if not node.has_goal and not node.has_initiative]
    area_paths = {node.ancestor_path(NodeKind.FOCUS_AREA) for node in white}
    areas = ProgrammeNode.objects.for_programme(programme).focus_areas().filter(path__in=area_paths)
    groups = {area.path: WhiteFieldGroup(area, []) for area in areas.order_by("path")}
    for node in white:
        node.programme = programme
        groups[node.ancestor_path(NodeKind.FOCUS_AREA)].priorities.append(node)
    for group in groups.values():
        group.focus_area.programme = programme
    return WhiteFieldReport(programme, list(groups.values()), len(priorities), len(white))
