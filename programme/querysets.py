"""Reads of the programme: named querysets that bundle their joins."""

from django.db import models
from treebeard.mp_tree import MP_NodeManager, MP_NodeQuerySet


class ProgrammeQuerySet(models.QuerySet):
    def public(self):
        """Programmes citizens may browse: adopted or archived, not drafts."""
        return self.exclude(status="draft")

    def current(self):
        """The programme the public site shows first, or None."""
        return self.public().filter(is_current=True).first()


class ProgrammeNodeQuerySet(MP_NodeQuerySet):
    def for_programme(self, programme):
        return self.filter(programme=programme)

    def for_display(self):
        """Nodes with their framework tags, ready for templates, in tree order."""
        return self.prefetch_related(
            models.Prefetch("tags", queryset=_tag_model().objects.select_related("framework"))
        ).order_by("path")

    def directions(self):
        return self.filter(depth=1)

    def focus_areas(self):
        return self.filter(depth=2)

    def priorities(self):
        return self.filter(depth=3)


class ProgrammeNodeManager(MP_NodeManager.from_queryset(ProgrammeNodeQuerySet)):
    """Treebeard's manager (add_root, add_child, move …) with ProgrammeNodeQuerySet's reads."""

    def get_queryset(self):
        # MP_NodeManager builds its own queryset class; use ours, in tree order.
        return ProgrammeNodeQuerySet(self.model, using=self._db).order_by("path")


class FrameworkTagQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("framework").order_by("framework__position", "number")


def _tag_model():
    from .models import FrameworkTag

    return FrameworkTag


class TreeItem:
    """A node with its children, for rendering nested lists without template recursion
    into the database."""

    __slots__ = ("children", "node")

    def __init__(self, node):
        self.node = node
        self.children: list[TreeItem] = []


def build_tree(nodes) -> list[TreeItem]:
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
