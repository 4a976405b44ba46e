"""A node's history as the team reads it: "moved from X to Y", "renamed from … to …",
instead of the tree's paths. Each history row keeps the node's parent at the time it was
written (models.NodePlaceInHistory, filled by record_place); describe() compares a row with
the one before it."""

from typing import Any

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import ProgrammeNode

#: Told in sentences of their own (a move, a new name) or not at all: never as numbers.
HIDDEN_FIELDS = ["path", "depth", "numchild", "updated_at", "title"]
HIDDEN_FIELDS += ["parent_then_id", "parent_then_title"]


def words_as_of(nodes: list[ProgrammeNode], when: Any) -> list[ProgrammeNode]:
    """``nodes`` with the titles they had at ``when`` (a datetime, or an expression that
    gives one, or None): the last row of each node's history written by then. A followed-up
    year keeps its words when a node is renamed later. One query; the nodes are changed in
    place; a node without history by then keeps its title."""
    if when is None or not nodes:
        return nodes
    rows = (
        ProgrammeNode.history.filter(id__in=[node.pk for node in nodes], history_date__lte=when)
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "title", "title_en")
    )
    then: dict[int, tuple[str, str]] = {}
    for pk, title, title_en in rows:
        then.setdefault(pk, (title, title_en))
    for node in nodes:
        if node.pk in then:
            node.title, node.title_en = then[node.pk]
    return nodes


def record_place(sender: Any, instance: ProgrammeNode, history_instance: Any, **kwargs) -> None:
    """pre_create_historical_record: the node's parent as it is when the row is written."""
    parent = (
        ProgrammeNode.objects.filter(path=instance.path[: -ProgrammeNode.steplen]).first()
        if instance.depth and instance.depth > 1
        else None
    )
    history_instance.parent_then_id = parent.pk if parent else None
    history_instance.parent_then_title = parent.title if parent else ""


def _place(row: Any) -> str:
    return row.parent_then_title or _("the programme's top level")


def describe(row: Any, before: Any | None, changes: list[dict] | None = None) -> list[str]:
    """What changed in ``row`` since ``before`` (the row before it; None for the first), in
    sentences. ``changes``: the other fields' changes, as simple-history's admin formats
    them (field's verbose name, old, new)."""
    if row.history_type == "+":
        return [_("Created under “%(place)s”.") % {"place": _place(row)}]
    if row.history_type == "-":
        return [_("Deleted from “%(place)s”.") % {"place": _place(row)}]
    if before is None:
        return []
    lines = []
    if before.title != row.title:
        lines.append(
            _("Renamed from “%(old)s” to “%(new)s”.") % {"old": before.title, "new": row.title}
        )
    moved_parent = before.parent_then_id != row.parent_then_id
    if moved_parent and (before.parent_then_title or before.depth == 1):
        lines.append(
            _("Moved from “%(old)s” to “%(new)s”.") % {"old": _place(before), "new": _place(row)}
        )
    elif moved_parent or before.path != row.path:
        lines.append(
            _("Moved within “%(place)s”.") % {"place": _place(row)}
            if not moved_parent
            else _("Moved to “%(place)s”.") % {"place": _place(row)}
        )
    lines.extend(
        _("%(field)s: “%(old)s” → “%(new)s”.")
        % {
            "field": change["field"],
            "old": Truncator(str(change["old"] or "")).chars(80),
            "new": Truncator(str(change["new"] or "")).chars(80),
        }
        for change in changes or []
    )
    return lines
