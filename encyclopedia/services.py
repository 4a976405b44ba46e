"""Every write to a knowledge entry: the workflow, the writer's rights, lost-update checks
and the revision record.

Each save records, as the revision's change reason, the names of the fields, relations and
sources that changed (``CHANGE_SEPARATOR``-joined); the public page lists them with the
writer's own note. A review move (submit, publish, return) changes no content and records
an empty reason.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import workflow

from . import permissions
from .models import Entry, Source

EDITABLE_FIELDS = ["kind", "title", "summary", "body", "department", "is_example", "change_note"]
EDITABLE_RELATIONS = ["nodes", "tags"]
# Fields whose change is worth a line in the public history (the note describes the change).
CONTENT_FIELDS = [name for name in EDITABLE_FIELDS if name != "change_note"]
CHANGE_SEPARATOR = ","
State = Entry.State


class EditConflictError(Exception):
    """Someone saved the entry after the editor opened it."""

    def __str__(self):
        return _("Someone else saved this entry while you edited it.")


def check_version(*, current: Entry, expected_version: int | None) -> None:
    """Raise EditConflictError when ``current`` moved on from the editor's version."""
    if current.version != expected_version:
        raise EditConflictError


def _check_nodes(nodes) -> None:
    if not nodes:
        raise ValidationError({"nodes": _("Choose at least one priority or focus area.")})
    if any(node.depth not in (2, 3) for node in nodes):
        raise ValidationError({"nodes": _("Only priorities and focus areas can be chosen.")})


def _source_rows(entry: Entry, sources: list[dict]) -> list[Source]:
    rows = [
        Source(entry=entry, title=source["title"], url=source.get("url", ""), position=n)
        for n, source in enumerate(sources)
    ]
    for row in rows:
        row.full_clean(exclude=["entry"])
    return rows


def _replace_sources(entry: Entry, rows: list[Source]) -> None:
    entry.sources.all().delete()
    Source.objects.bulk_create(rows)


@transaction.atomic
def entry_create(*, entry: Entry, relations: dict, by, sources: list[dict] = ()) -> Entry:
    """Save a new entry as a draft, in the name of a department the user belongs to (or of
    the team, for the team)."""
    if not permissions.can_write_for(by, entry.department):
        raise PermissionDenied(_("You can only write entries for your own department."))
    _check_nodes(relations.get("nodes"))
    rows = _source_rows(entry, list(sources))
    entry.state = State.DRAFT
    entry.version = 1
    entry.created_by = by
    entry.full_clean()
    entry._change_reason = ""
    entry._history_user = by
    entry.save()
    for name in EDITABLE_RELATIONS:
        getattr(entry, name).set(relations.get(name, []))
    _replace_sources(entry, rows)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry_id: int,
    expected_version: int,
    changes: dict,
    relations: dict,
    by,
    sources: list[dict] | None = None,
) -> Entry:
    """Apply an editor's changes to the version they started from. Nothing is written when
    the entry moved on meanwhile (EditConflictError) or the change is not allowed. A
    published entry stays published: the encyclopedia is a living text, and the team sees
    every revision in the admin's history."""
    current = Entry.objects.select_for_update().get(pk=entry_id)
    if not permissions.can_edit(by, current):
        raise PermissionDenied(_("You can only change your own department's entries."))
    check_version(current=current, expected_version=expected_version)
    unknown = (set(changes) - set(EDITABLE_FIELDS)) | (set(relations) - set(EDITABLE_RELATIONS))
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    changed = [
        name
        for name in CONTENT_FIELDS
        if name in changes and changes[name] != getattr(current, name)
    ]
    for name, value in changes.items():
        setattr(current, name, value)
    if "department" in changes and not permissions.can_write_for(by, current.department):
        raise PermissionDenied(_("You can only write entries for your own department."))
    if "nodes" in relations:
        _check_nodes(relations["nodes"])
    for name, value in relations.items():
        if {obj.pk for obj in value} != set(getattr(current, name).values_list("pk", flat=True)):
            changed.append(name)
    rows = None
    if sources is not None:
        rows = _source_rows(current, sources)
        before = list(current.sources.values_list("title", "url"))
        if before != [(row.title, row.url) for row in rows]:
            changed.append("sources")
    current.version += 1
    current.full_clean()
    current._change_reason = CHANGE_SEPARATOR.join(changed)
    current._history_user = by
    current.save()
    for name, value in relations.items():
        getattr(current, name).set(value)
    if rows is not None:
        _replace_sources(current, rows)
    return current


def _transition(entry: Entry, *, by, allowed_from, to, comment="") -> Entry:
    # The revision a move writes has no change reason: it changes no content.
    return workflow.transition(
        entry,
        allowed_from=allowed_from,
        to=to,
        comment=comment,
        refused=_("The entry is “%(state)s” and cannot become “%(action)s” now."),
        stamp="published_at" if to == State.PUBLISHED else None,
        stamp_once=True,
        by=by,
    )


@transaction.atomic
def entry_submit(*, entry: Entry, by) -> Entry:
    """A draft or returned entry goes to the team for review."""
    if not permissions.can_edit(by, entry):
        raise PermissionDenied(_("You can only submit your own department's entries."))
    return _transition(entry, by=by, allowed_from={State.DRAFT, State.RETURNED}, to=State.SUBMITTED)


@transaction.atomic
def entry_publish(*, entry: Entry, by) -> Entry:
    """Only the team publishes, and only what was submitted."""
    if not permissions.is_team(by):
        raise PermissionDenied(_("Only the quality-of-life team publishes entries."))
    return _transition(entry, by=by, allowed_from={State.SUBMITTED}, to=State.PUBLISHED)


@transaction.atomic
def entry_return(*, entry: Entry, by, comment: str) -> Entry:
    """The team sends a submitted entry back, saying why."""
    if not permissions.is_team(by):
        raise PermissionDenied(_("Only the quality-of-life team returns entries."))
    if not comment.strip():
        raise ValidationError({"review_comment": _("Say what the writer should change.")})
    return _transition(
        entry, by=by, allowed_from={State.SUBMITTED}, to=State.RETURNED, comment=comment.strip()
    )
