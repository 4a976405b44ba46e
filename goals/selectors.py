"""Reads for the register's pages; each a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet

from programme.models import ProgrammeNode

from .models import GoalFormulation, SteeringDocument


def documents() -> QuerySet[SteeringDocument]:
    """Every steering document with its number of formulations and of mapped ones."""
    return SteeringDocument.objects.annotate(
        formulation_count=Count("formulations", distinct=True),
        mapped_count=Count(
            "formulations", filter=Q(formulations__priorities__isnull=False), distinct=True
        ),
    ).order_by("title")


def supporting_goals(node: ProgrammeNode) -> list[GoalFormulation]:
    """The goal formulations mapped to a priority, with their documents. One query."""
    if not node.is_priority:
        return []
    return list(
        GoalFormulation.objects.filter(priorities=node)
        .select_related("document")
        .order_by("document__title", "pk")
    )


def mapping_page(
    *, document: SteeringDocument | None = None, unmapped_only: bool = False
) -> QuerySet[GoalFormulation]:
    """Formulations for the team's mapping page, with their priorities, in a stable order."""
    formulations = GoalFormulation.objects.select_related("document").prefetch_related(
        Prefetch("priorities", queryset=ProgrammeNode.objects.only("pk"))
    )
    if document is not None:
        formulations = formulations.filter(document=document)
    if unmapped_only:
        formulations = formulations.filter(priorities__isnull=True)
    return formulations.order_by("document__title", "pk")
