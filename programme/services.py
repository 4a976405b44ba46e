"""Writes to the programme. Only these functions touch the tree columns.

Treebeard's add and move read sibling paths and then write new ones; two concurrent
moves can hand out the same path or miscount numchild. Every write here therefore runs
in one transaction that first takes a tree-wide lock (an advisory lock on PostgreSQL;
SQLite's IMMEDIATE transactions already serialise writers) and re-reads the nodes it
works on inside the lock.
"""

from collections.abc import Callable
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.locks import transaction_lock

from .models import KIND_BY_DEPTH, MAX_DEPTH, NODE_TEXT_FIELDS, NodeKind, Programme, ProgrammeNode
from .tree import DEPTH_BY_KIND

Position = Literal["first-child", "last-child", "left", "right"]
CHILD_POSITIONS = ("first-child", "last-child")
SIBLING_POSITIONS = ("left", "right")
TREE_LOCK = "programmenode-tree"

# Fields that belong to a node's content, as opposed to its place in the tree.
CONTENT_FIELDS = ["programme", "kind", "code", *NODE_TEXT_FIELDS, "is_example", "updated_at"]
TREE_FIELDS = ["path", "depth", "numchild"]

#: Functions that say whether a programme's structure is fixed because a later app has
#: built on it (the follow-up: a year approved against it). Registered from above, so that
#: this app depends on none of them.
_structure_guards: list[Callable[[Programme], bool]] = []


def register_structure_guard(guard: Callable[[Programme], bool]) -> None:
    if guard not in _structure_guards:
        _structure_guards.append(guard)


def structure_is_fixed(programme: Programme | None) -> bool:
    """True once a year has been followed up against ``programme``: its directions and
    focus areas are then fixed (no new ones, no renames, no moves, no deletions) and its
    priorities can be added and edited but not moved or deleted. A change beyond that is
    a new version of the programme (programme_version_start)."""
    return programme is not None and any(guard(programme) for guard in _structure_guards)


def check_structure(
    node: ProgrammeNode, *, moving: bool = False, deleting: bool = False, renaming: bool = False
) -> None:
    """Refuse (ValidationError) a change to ``node`` that its programme's fixed structure
    does not allow (structure_is_fixed); forms call it to say so beside the change."""
    programme = node.programme if node.programme_id else None
    if programme is None or not structure_is_fixed(programme):
        return
    depth = DEPTH_BY_KIND.get(NodeKind(node.kind)) if node.kind else node.depth
    fixed_level = depth is not None and depth <= programme.area_depth
    if moving or deleting or (fixed_level and (renaming or node.pk is None)):
        raise ValidationError(
            _(
                "“%(programme)s” has been followed up: its structure stays as the approved "
                "reports were written against it. Start a new version of the programme to "
                "change it."
            )
            % {"programme": programme}
        )


def lock_tree() -> None:
    transaction_lock(TREE_LOCK)


def placement_depth(target: ProgrammeNode | None, position: Position) -> int:
    """The depth a node placed at ``position`` relative to ``target`` ends up at."""
    if target is None:
        return 1
    if position in CHILD_POSITIONS:
        return target.depth + 1
    if position in SIBLING_POSITIONS:
        return target.depth
    raise ValidationError(_("Unknown position “%(position)s”.") % {"position": position})


def validate_placement(
    *, node: ProgrammeNode, target: ProgrammeNode | None, position: Position
) -> None:
    """Raise ValidationError unless ``node`` may stand at ``position`` relative to ``target``.

    A node's level follows its depth, at most three levels deep, and a node stays
    within its programme. A node that exists keeps its level when it moves.
    """
    depth = placement_depth(target, position)
    levels = node.programme.levels if node.programme_id else MAX_DEPTH
    if depth > levels:
        raise ValidationError(
            _(
                "“%(target)s” is at the programme's lowest level (%(level)s, of %(levels)s); "
                "it cannot have sub-levels."
            )
            % {
                "target": target,
                "level": node.programme.level_name(levels),
                "levels": node.programme.levels_in_words,
            }
        )
    if target is not None and target.programme_id != node.programme_id:
        raise ValidationError(_("“%(target)s” belongs to another programme.") % {"target": target})
    if target is not None and node.pk and target.path.startswith(node.path):
        raise ValidationError(_("A node cannot be placed inside itself."))
    if node.kind and node.kind != KIND_BY_DEPTH[depth]:
        raise ValidationError(
            _("A %(kind)s keeps its level and cannot be placed where a %(other)s belongs.")
            % {
                "kind": NodeKind(node.kind).label.lower(),
                "other": KIND_BY_DEPTH[depth].label.lower(),
            }
        )


def _fresh(node: ProgrammeNode) -> ProgrammeNode:
    return ProgrammeNode.objects.get(pk=node.pk)


@transaction.atomic
def node_create(
    *,
    node: ProgrammeNode,
    target: ProgrammeNode | None = None,
    position: Position = "last-child",
) -> ProgrammeNode:
    """Save the unsaved ``node`` at ``position`` relative to ``target`` (None: a new direction).

    The node's level is set from where it lands; its content is validated first.
    """
    lock_tree()
    target = None if target is None else _fresh(target)
    validate_placement(node=node, target=target, position=position)
    node.kind = KIND_BY_DEPTH[placement_depth(target, position)]
    check_structure(node)
    node.full_clean(exclude=[*TREE_FIELDS, "tags"])

    parent = target if position in CHILD_POSITIONS else None
    if target is not None and position in SIBLING_POSITIONS and target.depth > 1:
        parent = ProgrammeNode.objects.get_parent(target)
    if parent is None:
        ProgrammeNode.objects.add_root(instance=node)
    else:
        ProgrammeNode.objects.add_child(parent, instance=node)
    if target is not None and position != "last-child":
        ProgrammeNode.objects.move(node, target, pos=position)
        node.refresh_from_db()
    return node


@transaction.atomic
def node_update(*, node: ProgrammeNode) -> ProgrammeNode:
    """Save the content of ``node``; its place in the tree is left as the database has it."""
    saved = ProgrammeNode.objects.filter(pk=node.pk).values("title", "title_en").first()
    check_structure(
        node,
        renaming=saved is not None
        and (saved["title"], saved["title_en"]) != (node.title, node.title_en),
    )
    node.full_clean(exclude=[*TREE_FIELDS, "tags"])
    node.save(update_fields=CONTENT_FIELDS)
    return node


@transaction.atomic
def node_move(
    *, node: ProgrammeNode, target: ProgrammeNode | None, position: Position
) -> ProgrammeNode:
    """Move ``node`` and its descendants to ``position`` relative to ``target``.

    ``target`` None with a sibling position is not allowed; to put a direction first,
    move it to the left of the programme's first direction.
    """
    lock_tree()
    if target is None:
        raise ValidationError(_("Choose where to move the node."))
    node, target = _fresh(node), _fresh(target)
    check_structure(node, moving=True)
    validate_placement(node=node, target=target, position=position)
    ProgrammeNode.objects.move(node, target, pos=position)
    # Treebeard updates descendants with QuerySet.update(); save the moved node itself
    # so that its history records the move.
    node = _fresh(node)
    node.save()
    return node


@transaction.atomic
def node_place(
    *, node: ProgrammeNode, parent: ProgrammeNode | None, after: ProgrammeNode | None
) -> ProgrammeNode:
    """Put ``node`` under ``parent`` (None: among the directions) right after ``after``
    (None: first). Creates the node when it is unsaved. Used by imports, which give
    each row its parent and take sibling order from the order of the rows."""
    target, position = _placement_target(node, parent, after)
    if node.pk is None:
        return node_create(node=node, target=target, position=position)
    if target is None or target.pk == node.pk:
        return node
    return node_move(node=node, target=target, position=position)


def _placement_target(
    node: ProgrammeNode, parent: ProgrammeNode | None, after: ProgrammeNode | None
) -> tuple[ProgrammeNode | None, Position]:
    if after is not None:
        return after, "right"
    if parent is not None:
        return parent, "first-child"
    first = ProgrammeNode.objects.filter(programme_id=node.programme_id).directions().first()
    if first is None:
        return None, "last-child"
    return first, "left"


def previous_sibling(node: ProgrammeNode) -> ProgrammeNode | None:
    """The sibling just before ``node`` within its programme (directions of other
    programmes share the root level of the tree but are not siblings here)."""
    return (
        ProgrammeNode.objects.sibling_of(node).filter(path__lt=node.path).order_by("-path").first()
    )


@transaction.atomic
def node_delete(*, node: ProgrammeNode) -> None:
    """Delete ``node`` with everything under it."""
    lock_tree()
    check_structure(_fresh(node), deleting=True)
    ProgrammeNode.objects.filter(pk=node.pk).delete()


@transaction.atomic
def programme_make_current(*, programme: Programme) -> Programme:
    """Make ``programme`` the one the public site shows first."""
    Programme.objects.select_for_update().filter(is_current=True).exclude(pk=programme.pk).update(
        is_current=False
    )
    programme.is_current = True
    programme.full_clean()
    programme.save(update_fields=["is_current", "updated_at"])
    return programme
