"""Reads for the register's pages; each a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.html import strip_tags

from core import words
from programme.models import Programme, ProgrammeNode
from programme.tree import STEPLEN

from .models import GoalFormulation, SteeringDocument


def documents() -> QuerySet[SteeringDocument]:
    """Every steering document with its number of formulations and of mapped ones."""
    return SteeringDocument.objects.annotate(
        formulation_count=Count("formulations", distinct=True),
        mapped_count=Count(
            "formulations", filter=Q(formulations__priorities__isnull=False), distinct=True
        ),
    ).order_by("title")


@dataclass
class DocumentPage:
    document: SteeringDocument
    formulations: list[GoalFormulation]


def document_page(*, pk: int) -> DocumentPage:
    """A steering document with its formulations and their priorities (of public
    programmes), in the document's order. Two queries."""
    document = SteeringDocument.objects.filter(pk=pk).first()
    if document is None:
        raise Http404
    priorities = ProgrammeNode.objects.in_force().select_related("programme")
    formulations = list(
        document.formulations.prefetch_related(
            Prefetch("priorities", queryset=priorities.order_by("path"))
        ).order_by("pk")
    )
    return DocumentPage(document=document, formulations=formulations)


def supporting_goals(node: ProgrammeNode) -> list[GoalFormulation]:
    """The goal formulations mapped to a priority, with their documents. One query."""
    if not node.at_leaf_level:
        return []
    return list(
        GoalFormulation.objects.filter(priorities=node)
        .select_related("document")
        .order_by("document__title", "pk")
    )


def mapping_page(
    *, document: SteeringDocument | None = None, unmapped_only: bool = False, text: str = ""
) -> QuerySet[GoalFormulation]:
    """Formulations for the team's mapping page, with their priorities, in a stable order:
    of one document, only those not yet mapped, those whose text holds ``text``."""
    formulations = GoalFormulation.objects.select_related("document").prefetch_related(
        Prefetch("priorities", queryset=ProgrammeNode.objects.only("pk"))
    )
    if document is not None:
        formulations = formulations.filter(document=document)
    if unmapped_only:
        formulations = formulations.filter(priorities__isnull=True)
    if text:
        formulations = formulations.filter(text__icontains=text)
    return formulations.order_by("document__title", "pk")


SUGGESTIONS = 3
# A priority's own words count most, then its focus area's and direction's.
SUGGESTION_WEIGHTS = {"priority": 3, "lead": 2, "parents": 1}


def suggestions(
    formulations: list[GoalFormulation], programme: Programme | None
) -> dict[int, list[ProgrammeNode]]:
    """For each formulation, the current programme's priorities whose words best match its
    text (core.words: stems, compounds both ways, typos), best first, at most three; a
    suggestion only, which the team confirms. One query, whatever the register's size."""
    if programme is None or not formulations:
        return {formulation.pk: [] for formulation in formulations}
    nodes = list(ProgrammeNode.objects.for_programme(programme).order_by("path"))
    titles = {node.path: node.title for node in nodes}
    priorities = []
    for node in nodes:
        if node.depth != programme.leaf_depth:
            continue
        parents = " ".join(titles.get(node.path[:length], "") for length in (STEPLEN, 2 * STEPLEN))
        texts = [
            (words.words(node.title), SUGGESTION_WEIGHTS["priority"]),
            (words.words(strip_tags(f"{node.lead} {node.body}")), SUGGESTION_WEIGHTS["lead"]),
            (words.words(parents), SUGGESTION_WEIGHTS["parents"]),
        ]
        priorities.append((node, texts))
    vocabulary = {word for _node, texts in priorities for found, _w in texts for word in found}
    stems = words.vocabulary_stems(vocabulary)
    tables: dict[str, dict[str, float]] = {}  # shared: formulations repeat their words
    found: dict[int, list[ProgrammeNode]] = {}
    for formulation in formulations:
        terms = words.terms(formulation.text, limit=30, stop_words=True)
        matches = words.Matches(terms, vocabulary, stems=stems, tables=tables)
        ranked = sorted(
            (
                (score, node.path, node)
                for node, texts in priorities
                if (score := matches.score_any(texts)) > 0
            ),
            key=lambda item: (-item[0], item[1]),
        )
        found[formulation.pk] = [node for _score, _path, node in ranked[:SUGGESTIONS]]
    return found
