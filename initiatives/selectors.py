"""Prepared data for the public initiative pages; each is a fixed number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ambassadors.models import Department
from core import review
from core.review import User, concrete_field
from programme.models import FrameworkTag, Programme, ProgrammeNode
from programme.selectors import under_tag
from programme.tree import leaf_filter

from .models import EDITABLE_FIELDS, RELATED_FIELDS, Initiative
from .querysets import under_way_in

PER_PAGE = 20


#: The partners, in name order, as a list names them.
PARTNERS = Prefetch("partner_departments", queryset=Department.objects.order_by("name"))


def _for_display(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """With the priorities of the programme versions in force, and the partners (a list
    names them beside the lead, so that a partner's hit reads as its own)."""
    return queryset.select_related("lead_department").prefetch_related(
        Prefetch(
            "priorities",
            queryset=ProgrammeNode.objects.in_force().select_related("programme").order_by("path"),
        ),
        PARTNERS,
    )


def filtered(
    *,
    node: ProgrammeNode | None = None,
    department: Department | None = None,
    status: str = "",
    year: int | None = None,
    tag: FrameworkTag | None = None,
) -> QuerySet[Initiative]:
    """Published initiatives matching every filter given (they combine). A direction or
    focus area matches the initiatives of any priority under it; a framework tag, those
    tagged with it and those working on a priority that carries it. The many-to-many filters
    are EXISTS subqueries, so each initiative comes once without a DISTINCT over every
    column (whose cost grew with the number of initiatives even with no filter)."""
    initiatives = Initiative.objects.published()
    if node is not None:
        priorities = ProgrammeNode.objects.descendant_of(node, inclusive=True)
        initiatives = initiatives.filter(
            Exists(
                Initiative.priorities.through.objects.filter(
                    initiative=OuterRef("pk"), programmenode__in=priorities
                )
            )
        )
    if department is not None:
        partner = Initiative.partner_departments.through.objects.filter(
            initiative=OuterRef("pk"), department=department
        )
        initiatives = initiatives.filter(Q(lead_department=department) | Exists(partner))
    if status:
        initiatives = initiatives.filter(status=status)
    if year is not None:
        initiatives = initiatives.under_way_in(year)
    if tag is not None:
        # Tagged itself, or working on a priority that carries the tag (or lies under a
        # node that does).
        tagged = Q(
            Exists(
                Initiative.tags.through.objects.filter(initiative=OuterRef("pk"), frameworktag=tag)
            )
        )
        priorities = Initiative.priorities.through.objects.filter(
            under_tag(tag, prefix="programmenode__"), initiative=OuterRef("pk")
        )
        tagged |= Q(Exists(priorities))
        initiatives = initiatives.filter(tagged)
    return initiatives.order_by("-published_at", "-pk")


def initiative_page(*, queryset: QuerySet[Initiative], number: str | int) -> Page:
    """One page of the list; an out-of-range page number is a 404."""
    paginator = Paginator(_for_display(queryset), PER_PAGE)
    try:
        return paginator.page(number)
    except InvalidPage as error:
        raise Http404 from error


@dataclass
class InitiativeDetail:
    initiative: Initiative
    partners: list
    tags: list
    links: list


def initiative_detail(*, pk: int, viewer: User) -> InitiativeDetail:
    """A published initiative; for the team and its department also one in progress
    (the page then says it is not published)."""
    initiative = (
        _for_display(Initiative.objects.viewable_by(viewer))
        .prefetch_related("partner_departments")
        .filter(pk=pk)
        .first()
    )
    if initiative is None:
        raise Http404
    tags = list(initiative.tags.select_related("framework"))
    return InitiativeDetail(
        initiative=initiative,
        partners=list(initiative.partner_departments.all()),
        tags=tags,
        links=list(initiative.links.all()),
    )


def published_for_node(node: ProgrammeNode, limit: int = 10) -> list[Initiative]:
    """Published initiatives working on ``node`` (a priority, or any priority under a
    direction or focus area), newest first, with their partners: two queries."""
    works_on = Initiative.priorities.through.objects.filter(
        initiative=OuterRef("pk"),
        programmenode__path__startswith=node.path,
        programmenode__programme_id=node.programme_id,
    )
    return list(
        Initiative.objects.published()
        .filter(Exists(works_on))
        .select_related("lead_department")
        .prefetch_related(PARTNERS)
        .order_by("-published_at", "-pk")[:limit]
    )


def _shown(initiative: Initiative, name: str) -> str:
    field = initiative._meta.get_field(name)
    if name == "body":
        return Truncator(strip_tags(initiative.body)).chars(300)
    if getattr(field, "choices", None):
        return str(getattr(initiative, f"get_{name}_display")())
    value = getattr(initiative, name)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if name == "image":
        return value.name if value else "–"
    return "–" if value in (None, "") else str(value)


def change_differences(change: Initiative) -> list[tuple[str, str, str]]:
    """What publishing the pending ``change`` alters in the initiative it changes: each
    differing field, relation and the links, as (label, published, after the change)."""
    original = change.change_of
    if original is None:
        return []
    rows = []
    for name in EDITABLE_FIELDS:
        field = concrete_field(Initiative, name)
        if getattr(original, field.attname) != getattr(change, field.attname):
            rows.append((str(field.verbose_name), _shown(original, name), _shown(change, name)))
    for name in RELATED_FIELDS:
        before = sorted(str(obj) for obj in getattr(original, name).all())
        after = sorted(str(obj) for obj in getattr(change, name).all())
        if before != after:
            label = str(concrete_field(Initiative, name).verbose_name)
            rows.append((label, ", ".join(before) or "–", ", ".join(after) or "–"))
    before_links = [f"{link.title} ({link.url})" for link in original.links.all()]
    after_links = [f"{link.title} ({link.url})" for link in change.links.all()]
    if before_links != after_links:
        rows.append(
            (str(_("links")), "; ".join(before_links) or "–", "; ".join(after_links) or "–")
        )
    return rows


# Reads by year: what a department worked on in a year, for its follow-up report and the
# year's analysis (followup).


def in_year_of_department(
    *, department: Department, year: int, published_only: bool
) -> QuerySet[Initiative]:
    """The department's initiatives (led or joined) under way in ``year``, with their
    priorities, in one query plus one for the priorities."""
    initiatives = (
        Initiative.objects.for_department(department)
        .under_way_in(year)
        .prefetch_related("priorities")
    )
    return initiatives.published() if published_only else initiatives


def by_focus_area(
    initiatives: Iterable[Initiative], focus_areas: list[ProgrammeNode]
) -> dict[int, list[Initiative]]:
    """Initiatives grouped under the focus areas their priorities belong to."""
    grouped: dict[int, list[Initiative]] = {area.pk: [] for area in focus_areas}
    for initiative in initiatives:
        priorities = list(initiative.priorities.all())
        for area in focus_areas:
            if any(priority.is_descendant_of(area) for priority in priorities):
                grouped[area.pk].append(initiative)
    return grouped


def published_priority_links(year: int, programme: Programme | int | None) -> QuerySet[Any]:
    """The (initiative, priority) pairs of ``programme``'s priorities and the published
    initiatives under way in ``year``."""
    return Initiative.priorities.through.objects.filter(
        under_way_in(year, prefix="initiative__"),
        review.published_filter(Initiative, "initiative__"),
        leaf_filter("programmenode__"),
        programmenode__programme=programme,
    )


def priorities_idle_in(*, year: int, programme: Programme) -> list[ProgrammeNode]:
    """Priorities that no published initiative anywhere in the city works on in ``year``
    (not the register's white fields, which also count the steering documents' goals)."""
    active = Initiative.objects.published().under_way_in(year)
    return list(
        ProgrammeNode.objects.for_programme(programme)
        .leaves()
        .exclude(initiatives__in=active)
        .select_related("programme")
        .order_by("path")
    )
