"""Site-wide search: programme nodes, published initiatives, published knowledge entries and
departments.

On PostgreSQL: full-text search with the swedish configuration (stemming; the title
weighted above the lead and the body) where every query word matches as a prefix, so a
compound is found from its first part ("cykel" → "cykelvägar"), or else a trigram word
similarity for typos. Rows are filtered on the match and then ordered by rank; a rank alone
is never a match. A GIN index on each source's vector exists only on PostgreSQL
(search/migrations). On SQLite, the embedded default, the same Swedish snowball stemmer
and typo rule run in Python over each source (search.text). Either way: one query per
source, whatever the data size, and at most LIMIT results.
"""

from dataclasses import dataclass
from functools import reduce
from operator import add, and_
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Department
from encyclopedia.models import Entry
from initiatives.models import Initiative
from programme.models import NodeKind, Programme, ProgrammeNode

from . import text

LIMIT = 50
MAX_QUERY_LENGTH = 200
TYPO_SIMILARITY = 0.5
CONFIG = "swedish"


@dataclass(frozen=True)
class Source:
    kind: str
    label: object
    title: str
    # (field, weight) in falling weight; the first is the title
    fields: tuple[tuple[str, str], ...]

    def queryset(self) -> QuerySet:
        if self.kind == "node":
            programme = Programme.objects.current()
            return ProgrammeNode.objects.filter(programme=programme).select_related("programme")
        if self.kind == "initiative":
            return Initiative.objects.published()
        if self.kind == "entry":
            return Entry.objects.published()
        return Department.objects.active()


SOURCES = [
    Source("node", _("Programme"), "title", (("title", "A"), ("lead", "B"), ("body", "C"))),
    Source(
        "initiative",
        _("Initiative"),
        "title",
        (
            ("title", "A"),
            ("summary", "B"),
            ("body", "C"),
            ("target_group", "C"),
            ("results", "C"),
            ("lessons", "C"),
        ),
    ),
    Source("entry", _("Encyclopedia"), "title", (("title", "A"), ("summary", "B"), ("body", "C"))),
    Source("department", _("Department or company"), "name", (("name", "A"), ("short_name", "A"))),
]


def vector(source: Source) -> SearchVector:
    """The source's weighted document; the GIN index in search/migrations is built on the
    same expression, so that the planner can use it."""
    return reduce(
        add, (SearchVector(field, weight=weight, config=CONFIG) for field, weight in source.fields)
    )


@dataclass
class Hit:
    kind: str
    label: object
    title: str
    snippet: str
    url: str
    score: float
    is_example: bool


@dataclass
class Results:
    query: str
    terms: list[str]
    hits: list[Hit]
    problem: str = ""  # why nothing was searched: "empty" or "too_long"


def search(query: str) -> Results:
    """The best matches for ``query`` across every source, best first."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        return Results(query[:MAX_QUERY_LENGTH], [], [], problem="too_long")
    terms = text.terms(query)
    if not terms:
        return Results(query, [], [], problem="empty")
    find = _postgresql if connection.vendor == "postgresql" else _python
    hits = [hit for source in SOURCES for hit in find(source, query, terms)]
    hits.sort(key=lambda hit: (-hit.score, hit.title))
    return Results(query, terms, hits[:LIMIT])


def _postgresql(source: Source, query: str, terms: list[str]) -> list[Hit]:
    """Every term must match: as a prefix of a swedish lexeme anywhere in the document, or,
    for a typo, by trigram word similarity with the title. Ranked by ts_rank over any term
    plus the similarities."""

    def prefix(*words: str) -> SearchQuery:
        return SearchQuery(
            " | ".join(f"{word}:*" for word in words), search_type="raw", config=CONFIG
        )

    similarities = {
        f"similarity_{n}": TrigramWordSimilarity(term, source.title) for n, term in enumerate(terms)
    }
    every_term = reduce(
        and_,
        (
            Q(document=prefix(term)) | Q(**{f"similarity_{n}__gte": TYPO_SIMILARITY})
            for n, term in enumerate(terms)
        ),
    )
    rows = (
        source.queryset()
        .annotate(document=vector(source), **similarities)
        .filter(every_term)
        .annotate(rank=SearchRank(F("document"), prefix(*terms)))
        .annotate(score=reduce(add, (F(name) for name in similarities), F("rank")))
        .order_by("-score", "pk")[:LIMIT]
    )
    return [_hit(source, row, terms, row.score) for row in rows]


def _python(source: Source, query: str, terms: list[str]) -> list[Hit]:
    hits = []
    for row in source.queryset().only(*[f for f, _w in source.fields], *_extra(source)):
        texts = [(strip_tags(getattr(row, field) or ""), weight) for field, weight in source.fields]
        score = 0.0
        for term in terms:
            best = max(
                text.best_match(term, value) * {"A": 3, "B": 2, "C": 1}[weight]
                for value, weight in texts
            )
            if not best:
                break
            score += best
        else:
            hits.append(_hit(source, row, terms, score))
    return hits


# Directions and focus areas before the priorities under them, at an equal match.
LEVEL_BONUS = {NodeKind.DIRECTION: 0.2, NodeKind.FOCUS_AREA: 0.1, NodeKind.PRIORITY: 0.0}


def _extra(source: Source) -> list[str]:
    return {
        "node": ["programme", "code", "kind", "depth", "is_example"],
        "initiative": ["is_example", "state"],
        "entry": ["is_example", "state"],
        "department": [],
    }[source.kind]


def _hit(source: Source, row: Any, terms: list[str], score: float) -> Hit:
    title = getattr(row, source.title)
    body = next(
        (
            strip_tags(getattr(row, field) or "")
            for field, _w in source.fields[1:]
            if text.WORD.search(strip_tags(getattr(row, field) or ""))
        ),
        "",
    )
    if source.kind == "node":
        label, body = row.level_name.capitalize(), body
        score += LEVEL_BONUS[row.kind]
    else:
        label, body = source.label, ("" if source.kind == "department" else body)
    return Hit(
        kind=source.kind,
        label=label,
        title=text.highlight(title, terms),
        snippet=text.snippet(body, terms) if body else "",
        url=row.get_absolute_url(),
        score=float(score),
        is_example=getattr(row, "is_example", False),
    )
