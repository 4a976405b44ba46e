"""Prepared data for the public programme pages; each is a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from .models import FrameworkTag, Programme, ProgrammeNode
from .querysets import TreeItem, build_tree


def visible_programmes(user):
    """Programmes the user may read: staff also see drafts."""
    programmes = Programme.objects.all()
    return programmes if user.is_staff else programmes.public()


def programme_for_slug(*, slug: str, user) -> Programme:
    try:
        return visible_programmes(user).get(slug=slug)
    except Programme.DoesNotExist:
        raise Http404 from None


@dataclass
class ProgrammeTree:
    programme: Programme
    tree: list[TreeItem]
    has_examples: bool


def programme_tree(*, programme: Programme, max_depth: int = 3) -> ProgrammeTree:
    """The whole programme (or its top ``max_depth`` levels) in three queries: the nodes,
    the node–tag pairs and the tags used. Each node gets ``framework_tags``, a list.

    The tags are joined here rather than with prefetch_related("tags"), which builds a
    related manager and a queryset per node and made up half the page's time.
    """
    nodes = list(
        ProgrammeNode.objects.for_programme(programme).filter(depth__lte=max_depth).order_by("path")
    )
    pairs = list(
        ProgrammeNode.tags.through.objects.filter(
            programmenode__programme=programme, programmenode__depth__lte=max_depth
        ).values_list("programmenode_id", "frameworktag_id")
    )
    tags = FrameworkTag.objects.for_display().in_bulk({tag_id for _node_id, tag_id in pairs})
    order = {tag_id: index for index, tag_id in enumerate(tags)}
    tags_by_node = {}
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
    parent_path = node.path[: (node.depth - 1) * node.steplen]
    ancestor_paths = [node.path[: depth * node.steplen] for depth in range(1, node.depth)]
    # Ancestors, siblings (the node among them) and children in one query.
    family = list(
        ProgrammeNode.objects.for_programme(programme).filter(
            family_filter(parent_path, node, ancestor_paths)
        )
    )
    for other in family:
        other.programme = programme
    ancestors = [n for n in family if n.path in ancestor_paths]
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


def family_filter(parent_path: str, node: ProgrammeNode, ancestor_paths: list[str]):
    return (
        Q(path__in=ancestor_paths)
        | Q(depth=node.depth, path__startswith=parent_path)
        | Q(depth=node.depth + 1, path__startswith=node.path)
    )


@dataclass
class TagPage:
    tag: FrameworkTag
    nodes: list[ProgrammeNode]
    has_examples: bool


def tag_page(*, code: str, user) -> TagPage:
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
