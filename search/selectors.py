"""Site-wide search over everything public: the programmes' nodes, initiatives, knowledge
entries, key figures, frameworks and their tags, the goals register (documents and
formulations), approved reports' narratives, departments, the staff-edited pages and the
accessibility statement.

Results come grouped by kind (``KINDS``) with the true number of hits of each; one kind at a
time is paginated. Facets: the kind, the programme (of nodes) and a focus area (what lies
under it: its nodes, initiatives and entries on its priorities, its key figures, the
formulations supporting its priorities, the reports' words about it).

On PostgreSQL: full-text search with the ``lkp_swedish`` configuration (hunspell-sv's
compound splitting, then the swedish stemmer; search/migrations/0003), or ``english`` for
the English texts at /en/sok/. Every query word must match, as a prefix of a lexeme or, for a
typo, by trigram word similarity with the title; rows are ranked, and counted in the same
query (a window count). On SQLite the same rules run in Python (core.words). Either way:
one query per source, whatever the data size.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
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
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Department
from core import review
from core import words as text
from encyclopedia.models import Entry
from followup.models import Assessment, DepartmentReport
from goals.models import GoalFormulation, SteeringDocument
from initiatives.models import Initiative
from keyfigures.models import Indicator
from pages.models import AccessibilityStatement, Page
from programme.models import (
    Framework,
    FrameworkTag,
    NodeKind,
    Programme,
    ProgrammeNode,
)

from .models import RELATED_NAME

MAX_QUERY_LENGTH = 200
# Trigram word similarity of a typo ("tryghet": 0.7); words that only end alike score
# 0.5–0.6 ("socialförvaltning", "Miljöförvaltningen").
TYPO_SIMILARITY = 0.65
GROUP_SIZE = 5  # hits shown per kind on the first page
PAGE_SIZE = 20  # hits per page when one kind is chosen
MAX_PAGE = 50
CONFIGS = {"sv": "lkp_swedish", "en": "english"}
WEIGHTS = {"A": 3, "B": 2, "C": 1}

# Kinds in the order the results show them.
KINDS = {
    "programme": _("The programme"),
    "initiative": _("Initiatives"),
    "entry": _("The encyclopedia"),
    "keyfigure": _("Key figures"),
    "framework": _("Frameworks"),
    "goal": _("Existing goals"),
    "report": _("Follow-up"),
    "department": _("Departments and companies"),
    "page": _("Pages"),
}

Fields = tuple[tuple[str, str], ...]  # (field, weight) in falling weight


def _under(through: Any, owner: str, node: str, focus_area: ProgrammeNode) -> Q:
    """Rows related through ``through`` to a node under ``focus_area`` (or to it)."""
    return Q(
        Exists(
            through.objects.filter(
                **{
                    owner: OuterRef("pk"),
                    f"{node}__programme": focus_area.programme_id,
                    f"{node}__path__startswith": focus_area.path,
                }
            )
        )
    )


@dataclass(frozen=True)
class Source:
    kind: str
    queryset: Callable[[], QuerySet]
    fields: Fields
    # The English texts, searched with English stemming on English pages; a source without
    # them is searched in Swedish on English pages too, and its hits are marked lang="sv".
    fields_en: Fields = ()
    title: str | None = None  # the field compared for typos; None: no typo matching
    heading: Callable[[Any, str], str] | None = None  # the hit's title, if not ``title``
    # What the hit is, above its title, where its group's heading does not say it all.
    label: Callable[[Any, str], str] | None = None
    url: Callable[[Any], str] = lambda row: row.get_absolute_url()
    under: Callable[[ProgrammeNode], Q] | None = None  # the focus-area facet
    related: tuple[str, ...] = ()  # select_related
    # On PostgreSQL: its Swedish document is kept in a table of search.models by a trigger,
    # rather than parsed again for every matching row (a source that can grow large).
    stored: bool = False

    def language(self, language: str) -> str:
        return language if language == "en" and self.fields_en else "sv"

    def document_fields(self, language: str) -> Fields:
        return self.fields_en if self.language(language) == "en" else self.fields

    def title_field(self, language: str) -> str | None:
        if self.title and self.language(language) == "en":
            return f"{self.title}_en"
        return self.title


def _programme_label(name: str, valid_from: int, valid_to: int | None) -> str:
    """A programme facet's label: its name and years, as versions share their name."""
    return f"{name} {Programme.period_of(valid_from, valid_to)}"


def _node_label(row: ProgrammeNode, language: str) -> str:
    label = str(row.level_name).capitalize()
    if not row.programme.is_current:
        label = f"{label}, {row.programme.name_i18n} {row.programme.period}"
    return label


def _report_heading(row: Assessment, language: str) -> str:
    department = row.report.department
    name = department.name_en if language == "en" and department.name_en else department.name
    return f"{name} {row.report.round.year}: {row.focus_area.title_i18n}"


def _report_url(row: Assessment) -> str:
    address = reverse(
        "followup:department",
        kwargs={"year": row.report.round.year, "short_name": row.report.department.short_name},
    )
    return f"{address}#narrative-heading"


def _document_url(pk: int) -> str:
    return reverse("goals:document", kwargs={"pk": pk})


SOURCES = [
    Source(
        "programme",
        lambda: ProgrammeNode.objects.exclude(programme__status=Programme.Status.DRAFT),
        (("title", "A"), ("lead", "B"), ("body", "C")),
        (("title_en", "A"), ("lead_en", "B"), ("body_en", "C")),
        title="title",
        label=_node_label,
        under=lambda fa: Q(programme=fa.programme_id, path__startswith=fa.path),
        related=("programme",),
        stored=True,
    ),
    Source(
        "initiative",
        lambda: Initiative.objects.published(),
        (
            ("title", "A"),
            ("summary", "B"),
            ("body", "C"),
            ("target_group", "C"),
            ("results", "C"),
            ("lessons", "C"),
        ),
        title="title",
        under=lambda fa: _under(Initiative.priorities.through, "initiative", "programmenode", fa),
        stored=True,
    ),
    Source(
        "entry",
        lambda: Entry.objects.published(),
        (("title", "A"), ("summary", "B"), ("body", "C")),
        title="title",
        under=lambda fa: _under(Entry.nodes.through, "entry", "programmenode", fa),
        stored=True,
    ),
    Source(
        "keyfigure",
        lambda: Indicator.objects.all(),
        (("name", "A"), ("description", "B"), ("source", "C")),
        (("name_en", "A"), ("description_en", "B"), ("source", "C")),
        title="name",
        under=lambda fa: _under(Indicator.focus_areas.through, "indicator", "programmenode", fa),
        stored=True,
    ),
    Source(
        "framework",
        lambda: Framework.objects.all(),
        (("name", "A"), ("description", "B")),
        (("name_en", "A"), ("description_en", "B")),
        title="name",
        label=lambda row, language: str(_("Framework")),
        url=lambda row: f"{reverse('programme:framework-list')}#framework-{row.slug}",
    ),
    Source(
        "framework",
        lambda: FrameworkTag.objects.all(),
        (("name", "A"), ("description", "B")),
        (("name_en", "A"), ("description_en", "B")),
        title="name",
        label=lambda row, language: str(row.framework.name_i18n),
        related=("framework",),
    ),
    Source(
        "goal",
        lambda: SteeringDocument.objects.all(),
        (("title", "A"), ("adopted_by", "B")),
        title="title",
        label=lambda row, language: str(_("Steering document")),
        url=lambda row: _document_url(row.pk),
    ),
    Source(
        "goal",
        lambda: GoalFormulation.objects.all(),
        (("text", "A"), ("reference", "C")),
        title="text",
        label=lambda row, language: row.document.title,
        url=lambda row: _document_url(row.document_id),
        under=lambda fa: _under(
            GoalFormulation.priorities.through, "goalformulation", "programmenode", fa
        ),
        related=("document",),
        stored=True,
    ),
    Source(
        "report",
        lambda: Assessment.objects.filter(review.published_filter(DepartmentReport, "report__")),
        (("what_we_did", "B"), ("what_it_changed", "B"), ("what_we_learned", "B")),
        heading=_report_heading,
        url=_report_url,
        under=lambda fa: Q(
            focus_area__programme=fa.programme_id, focus_area__path__startswith=fa.path
        ),
        related=("report__round", "report__department", "focus_area"),
        stored=True,
    ),
    Source(
        "department",
        lambda: Department.objects.active(),
        (("name", "A"), ("short_name", "A")),
        (("name_en", "A"), ("short_name", "A")),
        title="name",
    ),
    Source(
        "page",
        lambda: Page.objects.published(),
        (("title", "A"), ("lead", "B"), ("body", "C")),
        (("title_en", "A"), ("lead_en", "B"), ("body_en", "C")),
        title="title",
    ),
    Source(
        "page",
        lambda: AccessibilityStatement.objects.all(),
        (
            ("non_accessible_content", "B"),
            ("exempted_content", "C"),
            ("assessment_method", "C"),
        ),
        (
            ("non_accessible_content_en", "B"),
            ("exempted_content_en", "C"),
            ("assessment_method_en", "C"),
        ),
        heading=lambda row, language: str(_("Accessibility statement")),
    ),
]


def vector(source: Source, language: str = "sv") -> SearchVector | F:
    """The source's weighted document: the stored one (search.models, GIN-indexed) where
    there is one, else parsed from its fields; the triggers in search/migrations/0004 build
    the stored ones from the same fields and weights."""
    config = CONFIGS[source.language(language)]
    if source.stored and config == CONFIGS["sv"]:
        return F(f"{RELATED_NAME}__vector")
    return reduce(
        add,
        (
            SearchVector(name, weight=weight, config=config)
            for name, weight in source.document_fields(language)
        ),
    )


@dataclass
class Hit:
    kind: str
    label: str
    title: str
    snippet: str
    url: str
    score: float
    is_example: bool
    lang: str = ""  # "sv" for a Swedish text shown on an English page
    order: tuple[int, int] = (0, 0)  # (source, pk): ties in the same order on every page

    @property
    def key(self) -> tuple:
        return (-self.score, self.order)


@dataclass
class Group:
    kind: str
    label: Promise
    count: int
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Facet:
    value: str
    label: str
    count: int


@dataclass
class Results:
    query: str
    terms: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    kind: str = ""  # the kind chosen, or every kind
    page: int = 1
    pages: int = 1
    programmes: list[Facet] = field(default_factory=list)
    problem: str = ""  # why nothing was searched: "empty" or "too_long"

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def kinds(self) -> list[Facet]:
        return [Facet(g.kind, str(g.label), g.count) for g in self.groups if g.count]

    @property
    def shown(self) -> list[Group]:
        """The groups the page lists: the chosen kind, or every kind with hits."""
        return [
            group
            for group in self.groups
            if (group.kind == self.kind if self.kind else group.count)
        ]

    @property
    def hits(self) -> list[Hit]:
        return [hit for group in self.shown for hit in group.hits]


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    programme: Programme | None = None
    focus_area: ProgrammeNode | None = None
    page: int = 1


def search(query: str, *, language: str = "sv", filters: Filters | None = None) -> Results:
    """The matches for ``query``, grouped by kind, best first within each."""
    filters = filters or Filters()
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        return Results(query[:MAX_QUERY_LENGTH], problem="too_long")
    terms = text.terms(query)
    if not terms:
        return Results(query, problem="empty")
    sources = [source for source in SOURCES if not (filters.focus_area and source.under is None)]
    if connection.vendor == "postgresql":
        found, programmes = _postgresql(sources, terms, language, filters)
    else:
        found, programmes = _python(sources, terms, language, filters)
    groups = {kind: Group(kind, label, 0) for kind, label in KINDS.items()}
    for source, hits, count in found:
        groups[source.kind].count += count
        groups[source.kind].hits.extend(hits)
    for group in groups.values():
        group.hits.sort(key=lambda hit: hit.key)
        group.hits = group.hits[:GROUP_SIZE]
    results = Results(query, terms, list(groups.values()), filters.kind, programmes=programmes)
    if filters.kind:
        chosen = groups[filters.kind]
        results.pages = max(1, min(MAX_PAGE, -(-chosen.count // PAGE_SIZE)))
        results.page = min(filters.page, results.pages)
        hits = sorted(
            (hit for source, hits, _count in found if source.kind == chosen.kind for hit in hits),
            key=lambda hit: hit.key,
        )
        chosen.hits = hits[(results.page - 1) * PAGE_SIZE : results.page * PAGE_SIZE]
    return results


def _limit(source: Source, filters: Filters) -> int:
    """How many of the source's best rows are needed: a kind's first hits, or every hit up to
    the page asked for (at most MAX_PAGE pages); none when another kind is chosen."""
    if not filters.kind:
        return GROUP_SIZE
    if source.kind != filters.kind:
        return 0
    return min(filters.page, MAX_PAGE) * PAGE_SIZE


def _rows(source: Source, filters: Filters) -> QuerySet:
    rows = source.queryset()
    if source.related:
        rows = rows.select_related(*source.related)
    if source.kind == "programme" and filters.programme:
        rows = rows.filter(programme=filters.programme)
    if filters.focus_area and source.under:
        rows = rows.filter(source.under(filters.focus_area))
    return rows


Found = list[tuple[Source, list[Hit], int]]


def _postgresql(
    sources: list[Source], terms: list[str], language: str, filters: Filters
) -> tuple[Found, list[Facet]]:
    """Every term must match: as a prefix of a lexeme anywhere in the document (or of the
    term less a final vowel, for the start of a compound), or, for a typo, by trigram word
    similarity with the title. Ranked by ts_rank over any term plus the similarities."""
    found: Found = []
    programmes: list[Facet] = []
    marks, linked = _compounds(terms)
    for source in sources:
        config = CONFIGS[source.language(language)]

        def prefix(*words: str, config: str = config) -> SearchQuery:
            alternatives = (
                " | ".join(
                    [f"{word}:*", f"{text.without_final_vowel(word)}:*", *linked.get(word, ())]
                )
                for word in dict.fromkeys(words)
            )
            return SearchQuery(
                " | ".join(f"({alternative})" for alternative in alternatives),
                search_type="raw",
                config=config,
            )

        title = source.title_field(language)
        similarities = (
            {f"similarity_{n}": TrigramWordSimilarity(term, title) for n, term in enumerate(terms)}
            if title
            else {}
        )
        every_term = reduce(
            and_,
            (
                Q(search_document=prefix(term)) | Q(**{f"similarity_{n}__gte": TYPO_SIMILARITY})
                if title
                else Q(search_document=prefix(term))
                for n, term in enumerate(terms)
            ),
        )
        matching = (
            _rows(source, filters)
            .annotate(search_document=vector(source, language), **similarities)
            .filter(every_term)
        )
        limit = _limit(source, filters)
        if source.kind == "programme" and not filters.programme:
            programmes = [
                Facet(
                    row["programme__slug"],
                    _programme_label(
                        row["programme__name"],
                        row["programme__valid_from"],
                        row["programme__valid_to"],
                    ),
                    row["count"],
                )
                for row in matching.order_by()
                .values(
                    "programme__slug",
                    "programme__name",
                    "programme__valid_from",
                    "programme__valid_to",
                )
                .annotate(count=Count("pk"))
                .order_by("programme__name", "programme__valid_from")
            ]
        if not limit:
            found.append((source, [], matching.count()))
            continue
        rows = list(
            matching.annotate(search_rank=SearchRank(F("search_document"), prefix(*terms)))
            .annotate(
                search_score=reduce(add, (F(name) for name in similarities), F("search_rank"))
            )
            .annotate(search_total=Window(Count("pk")))
            .order_by("-search_score", "pk")[:limit]
        )
        hits = [_hit(source, row, marks, row.search_score, language) for row in rows]
        found.append((source, hits, rows[0].search_total if rows else 0))
    return found, programmes


LEXEME = re.compile(r"'((?:[^']|'')+)'")
#: Letters that link a compound's first part to the next and stand for its own last vowel
#: ("folkhälso-" of "folkhälsa", "gatu-" of "gata").
LINKING_VOWELS = "ou"


def _compounds(terms: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """What the Swedish configuration splits each term into (hunspell-sv: "äldreomsorg" →
    "äldre" & "omsorg"): the words to highlight in the hits (the terms and their parts),
    and for each compound term a query of its parts with a linking vowel dropped
    ("folkhälso" & "arbete" → "folkhäls:* & arbete:*", which finds "folkhälsa" beside
    "arbete", as on SQLite). One query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsquery(%s::regconfig, quote_literal(term))::text"
            " FROM unnest(%s::text[]) WITH ORDINALITY AS t(term, n) ORDER BY n",
            [CONFIGS["sv"], terms],
        )
        split = [row[0] or "" for row in cursor.fetchall()]
    marks, linked = list(terms), dict[str, list[str]]()
    for term, query in zip(terms, split, strict=True):
        for alternative in query.split(" | "):
            parts = [lexeme.replace("''", "'") for lexeme in LEXEME.findall(alternative)]
            marks.extend(part for part in parts if len(part) >= 3)
            if len(parts) > 1 and any(part[-1] in LINKING_VOWELS for part in parts[:-1]):
                heads = [p[:-1] if p[-1] in LINKING_VOWELS else p for p in parts[:-1]]
                linked.setdefault(term, []).append(
                    "(" + " & ".join(f"{part}:*" for part in [*heads, parts[-1]]) + ")"
                )
    return list(dict.fromkeys(marks)), linked


TAG = re.compile(r"<[^>]*>")


def _value(row: Any, name: str) -> str:
    """A field's words without the markup of its HTML (sanitised on save, so tags are all
    there is to drop; cheaper than strip_tags over every row)."""
    return html.unescape(TAG.sub(" ", getattr(row, name) or ""))


def _python(
    sources: list[Source], terms: list[str], language: str, filters: Filters
) -> tuple[Found, list[Facet]]:
    """The same rules in Python: each source read once and each text split into its words
    once; each distinct word is compared with each term once (text.Matches); a compound in
    the query is split into words the texts contain."""
    loaded = []
    for source in sources:
        lang = source.language(language)
        fields = source.document_fields(language)
        rows = [
            (row, [(text.words(_value(row, name)), WEIGHTS[w]) for name, w in fields])
            for row in _rows(source, filters)
        ]
        loaded.append((source, lang, rows))
    vocabulary: dict[str, set[str]] = {}
    for _source, lang, rows in loaded:
        known = vocabulary.setdefault(lang, set())
        for _row, texts in rows:
            for words, _weight in texts:
                known |= words
    matches = {lang: text.Matches(terms, words, lang) for lang, words in vocabulary.items()}
    found: Found = []
    programmes: dict[str, Facet] = {}
    for source, lang, rows in loaded:
        scored = [
            (score, row) for row, texts in rows if (score := matches[lang].score(texts)) is not None
        ]
        if source.kind == "programme":
            for _score, row in scored:
                facet = programmes.setdefault(
                    row.programme.slug,
                    Facet(
                        row.programme.slug,
                        _programme_label(
                            row.programme.name, row.programme.valid_from, row.programme.valid_to
                        ),
                        0,
                    ),
                )
                facet.count += 1
        scored.sort(key=lambda pair: (-pair[0], pair[1].pk))
        limit = _limit(source, filters)
        marks = matches[lang].marks()  # the terms, and the parts of the compounds split
        hits = [_hit(source, row, marks, score, language) for score, row in scored[:limit]]
        found.append((source, hits, len(scored)))
    facets = [] if filters.programme else sorted(programmes.values(), key=lambda f: f.label)
    return found, facets


# Directions and focus areas before the priorities under them, at an equal match.
LEVEL_BONUS = {NodeKind.DIRECTION: 0.2, NodeKind.FOCUS_AREA: 0.1, NodeKind.PRIORITY: 0.0}


def _hit(source: Source, row: Any, terms: list[str], score: float, language: str) -> Hit:
    lang = source.language(language)
    fields = source.document_fields(language)
    if source.heading:
        title = source.heading(row, language)
        body_fields = fields
    else:
        # A title is plain text: escaped when highlighted, never stripped of "tags".
        title = getattr(row, fields[0][0]) or ""
        body_fields = fields[1:]
        if not title and lang == "en":  # not translated: the Swedish title, marked as such
            title = getattr(row, source.fields[0][0]) or ""
    # The excerpt is of the first text the query's words (or a compound's parts) are in,
    # else of the first text there is.
    texts = [value for name, _w in body_fields if text.WORD.search(value := _value(row, name))]
    body = next(
        (value for value in texts if any(text.best_match(t, value, lang) for t in terms)),
        texts[0] if texts else "",
    )
    if source.kind == "programme":
        score += LEVEL_BONUS[row.kind]
    if source.kind == "department":
        body = ""
    swedish_on_english_page = language == "en" and (
        lang == "sv" or not _value(row, fields[0][0]) and not source.heading
    )
    return Hit(
        kind=source.kind,
        label=source.label(row, language) if source.label else "",
        title=text.highlight(title, terms, lang),
        snippet=text.snippet(body, terms, lang) if body else "",
        url=source.url(row),
        score=float(score),
        is_example=getattr(row, "is_example", False),
        lang="sv" if swedish_on_english_page else "",
        order=(SOURCES.index(source), row.pk),
    )
