"""Prepared data for the encyclopedia's public pages; each is a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from core.review import User, concrete_field
from programme.models import FrameworkTag, ProgrammeNode
from programme.selectors import under_tag

from .models import Entry, Source
from .services import CHANGE_SEPARATOR

PER_PAGE = 20


def _for_display(queryset: QuerySet[Entry]) -> QuerySet[Entry]:
    return queryset.select_related("department").prefetch_related(
        Prefetch(
            "nodes",
            queryset=ProgrammeNode.objects.in_force().select_related("programme").order_by("path"),
        )
    )


def filtered(
    *, kind: str = "", node: ProgrammeNode | None = None, tag: FrameworkTag | None = None
) -> QuerySet[Entry]:
    """Published entries matching every filter given. A focus area matches the entries of
    its priorities too; a framework tag, the entries tagged with it and those placed under a
    node that carries it. The many-to-many filters are EXISTS subqueries: each entry once,
    without a DISTINCT over every column."""
    entries = Entry.objects.published()
    if kind:
        entries = entries.filter(kind=kind)
    if node is not None:
        placed = Entry.nodes.through.objects.filter(
            entry=OuterRef("pk"),
            programmenode__in=ProgrammeNode.objects.descendant_of(node, inclusive=True),
        )
        entries = entries.filter(Exists(placed))
    if tag is not None:
        tagged = Q(
            Exists(Entry.tags.through.objects.filter(entry=OuterRef("pk"), frameworktag=tag))
        )
        nodes = under_tag(tag, prefix="programmenode__")
        tagged |= Q(Exists(Entry.nodes.through.objects.filter(nodes, entry=OuterRef("pk"))))
        entries = entries.filter(tagged)
    return entries.order_by("-published_at", "-pk")


def entry_page(*, queryset: QuerySet[Entry], number: str | int) -> Page:
    paginator = Paginator(_for_display(queryset), PER_PAGE)
    try:
        return paginator.page(number)
    except InvalidPage as error:
        raise Http404 from error


@dataclass
class Revision:
    date: datetime
    fields: list[str]  # verbose names of what changed
    note: str


@dataclass
class EntryDetail:
    entry: Entry
    tags: list
    sources: list[Source]
    revisions: list[Revision]


def _field_label(name: str) -> str:
    if name == "sources":
        return str(Source._meta.verbose_name_plural)
    return str(concrete_field(Entry, name).verbose_name)


def revisions(entry: Entry) -> list[Revision]:
    """The entry's changes since it was first published, newest first, without names: each
    says when, which parts changed and the writer's note. One query."""
    rows = (
        entry.history.filter(state=Entry.State.PUBLISHED, history_change_reason__gt="")
        .order_by("-history_date", "-history_id")
        .values_list("history_date", "history_change_reason", "change_note")
    )
    return [
        Revision(
            date=date,
            fields=[_field_label(name) for name in reason.split(CHANGE_SEPARATOR)],
            note=note,
        )
        for date, reason, note in rows
    ]


def entry_detail(*, pk: int, viewer: User) -> EntryDetail:
    """A published entry; for the team and its department also one in progress (the page
    then says it is not published)."""
    entry = _for_display(Entry.objects.viewable_by(viewer)).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return EntryDetail(
        entry=entry,
        tags=list(entry.tags.select_related("framework")),
        sources=list(entry.sources.all()),
        revisions=revisions(entry),
    )


def published_for_node(node: ProgrammeNode, limit: int = 20) -> list[Entry]:
    """Published entries placed at ``node`` or under it, newest first, in one query."""
    placed = Entry.nodes.through.objects.filter(
        entry=OuterRef("pk"),
        programmenode__path__startswith=node.path,
        programmenode__programme_id=node.programme_id,
    )
    return list(
        Entry.objects.published()
        .filter(Exists(placed))
        .select_related("department")
        .order_by("-published_at", "-pk")[:limit]
    )
