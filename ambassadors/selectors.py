"""Prepared data for the public network pages; each is a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from initiatives.models import Initiative

from .models import ROLE_DESCRIPTIONS, Ambassador, Department, TeamMember, TeamRole


@dataclass
class RoleGroup:
    role: TeamRole
    description: str
    public_members: list = field(default_factory=list)
    # Members who have not agreed to be named: counted, never named.
    unnamed: int = 0


def team_roles() -> list[RoleGroup]:
    """The team's roles in the city's order, each with its active members: named only with
    their consent. One query."""
    groups = {role: RoleGroup(role=role, description=ROLE_DESCRIPTIONS[role]) for role in TeamRole}
    for member in TeamMember.objects.active().order_by("name"):
        group = groups[TeamRole(member.role)]
        if member.is_public:
            group.public_members.append(member)
        else:
            group.unnamed += 1
    return list(groups.values())


def _published_count():
    """Published initiatives a department leads or takes part in, as a subquery."""
    return Coalesce(
        Subquery(
            Initiative.objects.published()
            .filter(Q(lead_department=OuterRef("pk")) | Q(partner_departments=OuterRef("pk")))
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


DEPARTMENT_INITIATIVES = 20


def department_page(*, short_name: str) -> DepartmentPage:
    """One active department: its ambassadors (named only with consent) and the newest of
    the published initiatives it leads or takes part in. Three queries."""
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
    )
