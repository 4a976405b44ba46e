"""Prepared data for the public programme pages; each is a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import Http404

from core.page_cache import fragment
from core.review import User

from .models import FrameworkTag, NodeKind, Programme, ProgrammeNode
from .tree import TreeItem, build_tree


def visible_programmes(user: User) -> QuerySet[Programme]:
    """Programmes the user may read: staff also see drafts."""
    programmes = Programme.objects.all()
    return programmes if user.is_staff else programmes.public()


def current_priorities() -> QuerySet[ProgrammeNode]:
    """The priorities of the current programme (none when there is no current one)."""
    return ProgrammeNode.objects.leaves().filter(programme=Programme.objects.current())


def programme_for_slug(*, slug: str, user: User) -> Programme:
    try:
        return visible_programmes(user).get(slug=slug)
    except Programme.DoesNotExist:
        raise Http404 from None


@dataclass
class ProgrammeTree:
    programme: Programme
    tree: list[TreeItem]
    has_examples: bool


def programme_tree(*, programme: Programme, down_to: NodeKind = NodeKind.PRIORITY) -> ProgrammeTree:
    """The whole programme (or its levels down to ``down_to``) in three queries: the nodes,
    the node–tag pairs and the tags used. Each node gets ``framework_tags``, a list.

    The tags are joined here rather than with prefetch_related("tags"), which builds a
    related manager and a queryset per node and made up half the page's time.
    """
    tree_nodes = ProgrammeNode.objects.for_programme(programme).down_to(down_to)
    nodes = list(tree_nodes)
    pairs = list(
        ProgrammeNode.tags.through.objects.filter(
            programmenode__in=tree_nodes.values("pk")
        ).values_list("programmenode_id", "frameworktag_id")
    )
    tags = FrameworkTag.objects.for_display().in_bulk({tag_id for _node_id, tag_id in pairs})
    order = {tag_id: index for index, tag_id in enumerate(tags)}
    tags_by_node: dict[int, list[FrameworkTag]] = {}
    for node_id, tag_id in sorted(pairs, key=lambda pair: order[pair[1]]):
        tags_by_node.setdefault(node_id, []).append(tags[tag_id])
    for node in nodes:
        node.programme = programme  # same object; avoids a copy per node
        node.framework_tags = tags_by_node.get(node.pk, [])
    return ProgrammeTree(
        programme=programme,
        tree=build_tree(nodes),
        has_examples=any(node.is_example for node in nodes),
    )


@dataclass
class NodePage:
    node: ProgrammeNode
    ancestors: list[ProgrammeNode]
    children: list[ProgrammeNode]
    previous: ProgrammeNode | None
    next: ProgrammeNode | None
    has_examples: bool = field(default=False)


def node_page(*, programme: Programme, code: str) -> NodePage:
    """A node with its ancestors, children and neighbours among its siblings."""
    node = (
        ProgrammeNode.objects.for_programme(programme)
        .filter(code=code)
        .prefetch_related("tags__framework")
        .first()
    )
    if node is None:
        raise Http404
    node.programme = programme
    # Ancestors, siblings (the node among them) and children in one query.
    nodes = ProgrammeNode.objects
    family = list(nodes.ancestor_of(node) | nodes.sibling_of(node) | nodes.child_of(node))
    for other in family:
        other.programme = programme
    ancestors = [n for n in family if node.is_descendant_of(n)]
    siblings = [n for n in family if n.depth == node.depth]
    children = [n for n in family if n.depth == node.depth + 1]
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == node.pk)
    return NodePage(
        node=node,
        ancestors=ancestors,
        children=children,
        previous=siblings[index - 1] if index > 0 else None,
        next=siblings[index + 1] if index + 1 < len(siblings) else None,
        has_examples=node.is_example or any(child.is_example for child in children),
    )


@dataclass
class TagPage:
    tag: FrameworkTag
    nodes: list[ProgrammeNode]
    has_examples: bool


def under_tag(tag: FrameworkTag, *, prefix: str = "") -> Q:
    """A filter for nodes that carry ``tag`` or lie under one that does (a priority of a
    tagged focus area), on a relation to nodes named by ``prefix`` (e.g.
    "programmenode__"): EXISTS a tagged node of the same programme whose path starts the
    node's path. No query of its own, whatever the number of tagged nodes."""
    tagged = ProgrammeNode.objects.filter(
        tags=tag,
        programme=OuterRef(f"{prefix}programme"),
        path=Substr(OuterRef(f"{prefix}path"), 1, Length("path")),
    )
    return Q(Exists(tagged))


def tag_page(*, code: str, user: User) -> TagPage:
    """A framework tag and the programme nodes that carry it, in readable programmes."""
    tag = FrameworkTag.objects.for_display().filter(code=code).first()
    if tag is None:
        raise Http404
    nodes = list(
        ProgrammeNode.objects.filter(tags=tag, programme__in=visible_programmes(user))
        .select_related("programme")
        .order_by("programme__valid_from", "path")
    )
    return TagPage(tag=tag, nodes=nodes, has_examples=any(n.is_example for n in nodes))


def cached_current() -> Programme | None:
    """The current programme, kept as a fragment of the page cache until a programme is
    edited: the menu and the level words of every page read it."""
    return fragment("current-programme", [Programme], lambda: Programme.objects.public().current())
