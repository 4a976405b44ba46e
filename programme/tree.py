"""The programme's tree vocabulary: its three kinds of node, how a kind maps onto treebeard's
depth, and nesting nodes read in tree order. Code outside programme/ speaks of kinds and
uses these (and the node queryset's ``descendant_of``, ``child_of``…), never depth numbers
or slices of ``path``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Func
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import ProgrammeNode


class NodeKind(models.TextChoices):
    DIRECTION = "direction", _("Direction")
    FOCUS_AREA = "focus_area", _("Focus area")
    PRIORITY = "priority", _("Priority")


KIND_BY_DEPTH = {1: NodeKind.DIRECTION, 2: NodeKind.FOCUS_AREA, 3: NodeKind.PRIORITY}
DEPTH_BY_KIND = {kind: depth for depth, kind in KIND_BY_DEPTH.items()}
MAX_DEPTH = 3
#: Characters per level of treebeard's materialised path (its default).
STEPLEN = 4


def ancestor_path(path: str, kind: NodeKind) -> str:
    """The prefix of a node's ``path`` that is the path of its ancestor of ``kind``."""
    return path[: DEPTH_BY_KIND[kind] * STEPLEN]


def ancestor_path_of(field: str, kind: NodeKind) -> Func:
    """The same in the database: the path of the ancestor of ``kind`` of the node whose
    path is in ``field`` (e.g. "programmenode__path")."""
    return Substr(field, 1, DEPTH_BY_KIND[kind] * STEPLEN)


class TreeItem:
    """A node with its children, for rendering nested lists without template recursion
    into the database."""

    __slots__ = ("children", "node")

    def __init__(self, node: ProgrammeNode):
        self.node = node
        self.children: list[TreeItem] = []

    def __getattr__(self, name: str) -> object:
        # Read as the node itself (code, title …): serializers take items as nodes.
        if name.startswith("__") or name == "node":
            raise AttributeError(name)
        return getattr(self.node, name)


def build_tree(nodes: Iterable[ProgrammeNode]) -> list[TreeItem]:
    """Nest nodes that come in tree (path) order; one pass, no queries."""
    roots: list[TreeItem] = []
    stack: list[TreeItem] = []
    for node in nodes:
        item = TreeItem(node)
        while stack and stack[-1].node.depth >= node.depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return roots
