"""Reads of the programme: named querysets that bundle their joins."""

from django.db import models
from treebeard.mp_tree import MP_NodeManager, MP_NodeQuerySet

from .tree import DEPTH_BY_KIND, STEPLEN, NodeKind, area_filter, leaf_filter


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

    def in_force(self):
        """Nodes of programme versions in force (adopted, neither archived nor drafts):
        what a page lists as an initiative's, entry's, key figure's or intervention's
        place in the programme, each once. An archived version's links are kept for the
        years followed up against it (programme.versions)."""
        return self.filter(programme__status="adopted")

    def for_display(self):
        """Nodes with their framework tags, ready for templates, in tree order."""
        return self.prefetch_related(
            models.Prefetch("tags", queryset=_tag_model().objects.select_related("framework"))
        ).order_by("path")

    def of_kind(self, *kinds: NodeKind):
        return self.filter(kind__in=kinds)

    def directions(self):
        return self.filter(kind=NodeKind.DIRECTION)

    def focus_areas(self):
        return self.filter(kind=NodeKind.FOCUS_AREA)

    def priorities(self):
        return self.filter(kind=NodeKind.PRIORITY)

    def leaves(self):
        """The nodes initiatives, interventions and goals attach to: each programme's
        deepest level (programme.tree, roles)."""
        return self.filter(leaf_filter())

    def areas(self):
        """The nodes the annual follow-up assesses, in each programme."""
        return self.filter(area_filter())

    def down_to(self, kind: NodeKind):
        """The nodes of ``kind`` and of the levels above it."""
        return self.filter(depth__lte=DEPTH_BY_KIND[kind])

    def descendant_of(self, node, *, inclusive: bool = False):
        """The nodes below ``node`` (and ``node`` itself, with ``inclusive``)."""
        below = self.filter(programme_id=node.programme_id, path__startswith=node.path)
        return below if inclusive else below.exclude(pk=node.pk)

    def child_of(self, node):
        return self.descendant_of(node).filter(depth=node.depth + 1)

    def ancestor_of(self, node, *, inclusive: bool = False):
        """The nodes above ``node``, from the top (and ``node`` itself, with ``inclusive``)."""
        depths = range(1, node.depth + 1 if inclusive else node.depth)
        paths = [node.path[: depth * STEPLEN] for depth in depths]
        return self.filter(programme_id=node.programme_id, path__in=paths)

    def sibling_of(self, node, *, inclusive: bool = True):
        """The nodes under the same parent as ``node`` (``node`` among them)."""
        siblings = self.filter(
            programme_id=node.programme_id,
            depth=node.depth,
            path__startswith=node.path[:-STEPLEN],
        )
        return siblings if inclusive else siblings.exclude(pk=node.pk)


class ProgrammeNodeManager(MP_NodeManager.from_queryset(ProgrammeNodeQuerySet)):  # type: ignore[misc]  # treebeard is untyped
    """Treebeard's manager (add_root, add_child, move …) with ProgrammeNodeQuerySet's reads."""

    def get_queryset(self):
        # MP_NodeManager builds its own queryset class; use ours, in tree order.
        return ProgrammeNodeQuerySet(self.model, using=self._db).order_by("path")


class FrameworkTagQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("framework").order_by("framework__position", "number")

    def of_programme(self, programme):
        """The tags of the frameworks ``programme`` works towards: the only ones offered
        beside it (Vision Helsingborg 2035's are not Motala's)."""
        return self.filter(framework__programmes=programme) if programme else self


def _tag_model():
    from .models import FrameworkTag

    return FrameworkTag
