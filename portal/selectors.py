"""Prepared data for the pages that combine several apps; each is a fixed number of
queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from ambassadors.models import Ambassador, Department
from core.review import User
from encyclopedia import selectors as entry_selectors
from encyclopedia.models import Entry
from followup.models import DepartmentReport
from goals.models import GoalFormulation
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from initiatives.querysets import led_or_joined_by
from keyfigures.models import Indicator
from programme import selectors as programme_selectors
from programme.models import FrameworkTag, Programme, ProgrammeNode


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
        .leaves()
        .annotate(has_goal=Exists(goals), has_initiative=Exists(initiatives))
        .order_by("path")
    )
    white = [node for node in priorities if not node.has_goal and not node.has_initiative]
    depth = programme.area_depth
    area_paths = {node.ancestor_path(depth) for node in white}
    areas = ProgrammeNode.objects.for_programme(programme).areas().filter(path__in=area_paths)
    groups = {area.path: WhiteFieldGroup(area, []) for area in areas.order_by("path")}
    for node in white:
        node.programme = programme
        groups[node.ancestor_path(depth)].priorities.append(node)
    for group in groups.values():
        group.focus_area.programme = programme
    return WhiteFieldReport(programme, list(groups.values()), len(priorities), len(white))


TAG_LIST = 20  # initiatives and entries shown on a tag's page; the list links to the rest


@dataclass
class TagPage:
    tag: FrameworkTag
    nodes: list[ProgrammeNode]
    initiatives: list[Initiative]
    initiative_count: int
    entries: list[Entry]
    entry_count: int
    indicators: list[Indicator]
    has_examples: bool


def tag_page(*, code: str, user: User) -> TagPage:
    """A framework tag, the nodes that carry it, and what works under it: initiatives and
    entries (as the lists' tag filter finds them) and key figures tagged with it or followed
    in a focus area under a node that carries it. A fixed number of queries."""
    page = programme_selectors.tag_page(code=code, user=user)
    tag = page.tag
    initiatives = (
        initiative_selectors.filtered(tag=tag)
        .select_related("lead_department")
        .prefetch_related(initiative_selectors.PARTNERS)
    )
    entries = entry_selectors.filtered(tag=tag).select_related("department")
    areas = programme_selectors.under_tag(tag, prefix="programmenode__")
    tagged = Q(
        Exists(Indicator.tags.through.objects.filter(indicator=OuterRef("pk"), frameworktag=tag))
    ) | Q(Exists(Indicator.focus_areas.through.objects.filter(areas, indicator=OuterRef("pk"))))
    shown = list(initiatives[:TAG_LIST])
    found = list(entries[:TAG_LIST])
    indicators = list(Indicator.objects.filter(tagged).order_by("name", "pk"))
    return TagPage(
        tag=tag,
        nodes=page.nodes,
        initiatives=shown,
        initiative_count=initiatives.count() if len(shown) == TAG_LIST else len(shown),
        entries=found,
        entry_count=entries.count() if len(found) == TAG_LIST else len(found),
        indicators=indicators,
        has_examples=page.has_examples
        or any(initiative.is_example for initiative in shown)
        or any(entry.is_example for entry in found)
        or any(indicator.is_example for indicator in indicators),
    )
