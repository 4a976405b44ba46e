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
LEVELS_IN_WORDS = {1: _("one level"), 2: _("two levels"), 3: _("three levels")}


# Roles. A programme has one, two or three levels (Programme.levels); what attaches where
# follows its depth, not the kind's name: the deepest level is the *leaves* (initiatives,
# interventions, goals: Helsingborg's priorities, Motala's main areas), the follow-up
# assesses the *areas* (the second level, or the only one) and gathers them under the
# *groups* above (the first level, when there is a second).
def area_depth(levels: int) -> int:
    return min(2, levels)


def leaf_filter(prefix: str = "") -> models.Q:
    """Nodes at their programme's deepest level (``prefix``: the path to the node)."""
    return models.Q(**{f"{prefix}depth": models.F(f"{prefix}programme__levels")})


def area_filter(prefix: str = "") -> models.Q:
    """Nodes at the level the follow-up assesses."""
    return models.Q(**{f"{prefix}depth": 2, f"{prefix}programme__levels__gte": 2}) | models.Q(
        **{f"{prefix}depth": 1, f"{prefix}programme__levels": 1}
    )


#: Characters per level of treebeard's materialised path (its default).
STEPLEN = 4


def area_or_leaf_filter(prefix: str = "") -> models.Q:
    """Nodes the follow-up assesses and the leaves below them (an entry's place)."""
    return area_filter(prefix) | leaf_filter(prefix)


def _depth(level: NodeKind | int) -> int:
    return level if isinstance(level, int) else DEPTH_BY_KIND[level]


def ancestor_path(path: str, level: NodeKind | int) -> str:
    """The prefix of a node's ``path`` that is the path of its ancestor of kind (or at
    depth) ``level``."""
    return path[: _depth(level) * STEPLEN]


def ancestor_path_of(field: str, level: NodeKind | int) -> Func:
    """The same in the database: the path of the ancestor of ``level`` of the node whose
    path is in ``field`` (e.g. "programmenode__path")."""
    return Substr(field, 1, _depth(level) * STEPLEN)


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
