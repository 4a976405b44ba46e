"""Reads for the register's pages; each a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from initiatives.models import Initiative
from programme.models import Programme, ProgrammeNode

from .models import GoalFormulation, SteeringDocument


def documents():
    """Every steering document with its number of formulations and of mapped ones."""
    return SteeringDocument.objects.annotate(
        formulation_count=Count("formulations", distinct=True),
        mapped_count=Count(
            "formulations", filter=Q(formulations__priorities__isnull=False), distinct=True
        ),
    ).order_by("title")


def supporting_goals(node: ProgrammeNode) -> list[GoalFormulation]:
    """The goal formulations mapped to a priority, with their documents. One query."""
    if node.depth != 3:
        return []
    return list(
        GoalFormulation.objects.filter(priorities=node)
        .select_related("document")
        .order_by("document__title", "pk")
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
    priorities = list(
        ProgrammeNode.objects.for_programme(programme)
        .filter(depth=3)
        .annotate(
            has_goal=Exists(GoalFormulation.priorities.through.objects.filter(
                programmenode_id=OuterRef("pk")
            )),
            has_initiative=Exists(Initiative.objects.published().filter(priorities=OuterRef("pk"))),
        )
        .order_by("path")
    )  # fmt: skip
    white = [node for node in priorities if not node.has_goal and not node.has_initiative]
    areas = ProgrammeNode.objects.for_programme(programme).filter(
        depth=2, path__in={node.path[: 2 * node.steplen] for node in white}
    )
    groups = {area.path: WhiteFieldGroup(area, []) for area in areas.order_by("path")}
    for node in white:
        node.programme = programme
        groups[node.path[: 2 * node.steplen]].priorities.append(node)
    for group in groups.values():
        group.focus_area.programme = programme
    return WhiteFieldReport(programme, list(groups.values()), len(priorities), len(white))


def mapping_page(*, document=None, unmapped_only=False):
    """Formulations for the team's mapping page, with their priorities, in a stable order."""
    formulations = GoalFormulation.objects.select_related("document").prefetch_related(
        Prefetch("priorities", queryset=ProgrammeNode.objects.only("pk"))
    )
    if document is not None:
        formulations = formulations.filter(document=document)
    if unmapped_only:
        formulations = formulations.filter(priorities__isnull=True)
    return formulations.order_by("document__title", "pk")
