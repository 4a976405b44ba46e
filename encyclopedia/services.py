"""Every write to a knowledge entry's content: the writer's rights, lost-update checks and
the revision record. Its review moves (submit, publish, return) are core.review's.

Each save records, as the revision's change reason, the names of the fields, relations and
sources that changed (``CHANGE_SEPARATOR``-joined); the public page lists them with the
writer's own note. A review move (submit, publish, return) changes no content and records
an empty reason.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import history, review
from core.review import User
from notifications import services as notifications
from programme.models import ProgrammeNode
from programme.tree import area_or_leaf_filter

from .models import Entry, Source

EDITABLE_FIELDS = ["kind", "title", "summary", "body", "department", "is_example", "change_note"]
EDITABLE_RELATIONS = ["nodes", "tags"]
# Fields whose change is worth a line in the public history (the note describes the change).
CONTENT_FIELDS = [name for name in EDITABLE_FIELDS if name != "change_note"]
CHANGE_SEPARATOR = ","
policy = Entry.review_policy


def _check_nodes(nodes: list[ProgrammeNode] | None) -> None:
    if not nodes:
        raise ValidationError({"nodes": _("Choose at least one priority or focus area.")})
    found = ProgrammeNode.objects.filter(pk__in=[node.pk for node in nodes])
    if found.filter(area_or_leaf_filter()).count() < len({node.pk for node in nodes}):
        raise ValidationError({"nodes": _("Only priorities and focus areas can be chosen.")})


def _source_rows(entry: Entry, sources: list[dict]) -> list[Source]:
    rows = [
        Source(
            entry=entry,
            title=source["title"],
            url=source.get("url", ""),
            language=source.get("language") or "sv",
            position=n,
        )
        for n, source in enumerate(sources)
    ]
    for row in rows:
        row.full_clean(exclude=["entry"])
    return rows


def _replace_sources(entry: Entry, rows: list[Source]) -> None:
    entry.sources.all().delete()
    Source.objects.bulk_create(rows)


@transaction.atomic
def entry_create(*, entry: Entry, relations: dict, by: User, sources: Iterable[dict] = ()) -> Entry:
    """Save a new entry as a draft, in the name of a department the user belongs to (or of
    the team, for the team)."""
    if not policy.can_write_for(by, entry.department):
        raise PermissionDenied(policy.not_yours_to_write)
    _check_nodes(relations.get("nodes"))
    rows = _source_rows(entry, list(sources))
    entry.state = review.State.DRAFT
    entry.version = 1
    entry.created_by = review.account(by)
    entry.full_clean()
    history.record_as(entry, by=by, reason="")
    entry.save()
    for name in EDITABLE_RELATIONS:
        getattr(entry, name).set(relations.get(name, []))
    _replace_sources(entry, rows)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry_id: int,
    expected_version: int | None,
    changes: dict,
    relations: dict,
    by: User,
    sources: list[dict] | None = None,
) -> Entry:
    """Apply an editor's changes to the version they started from. Nothing is written when
    the entry moved on meanwhile (review.EditConflictError) or the change is not allowed. A
    published entry stays published: the encyclopedia is a living text, and the team sees
    every revision in the admin's history."""
    current = review.lock(Entry, entry_id)
    review.check_edit(
        current,
        by=by,
        expected_version=expected_version,
        changes=changes,
        relations=relations,
        fields=EDITABLE_FIELDS,
        related=EDITABLE_RELATIONS,
    )
    changed = [
        name
        for name in CONTENT_FIELDS
        if name in changes and changes[name] != getattr(current, name)
    ]
    for name, value in changes.items():
        setattr(current, name, value)
    if "department" in changes and not policy.can_write_for(by, current.department):
        raise PermissionDenied(policy.not_yours_to_write)
    if "nodes" in relations:
        _check_nodes(relations["nodes"])
    for name, value in relations.items():
        if {obj.pk for obj in value} != set(getattr(current, name).values_list("pk", flat=True)):
            changed.append(name)
    rows = None
    if sources is not None:
        rows = _source_rows(current, sources)
        before = list(current.sources.values_list("title", "url", "language"))
        if before != [(row.title, row.url, row.language) for row in rows]:
            changed.append("sources")
    current.version += 1
    current.full_clean()
    history.record_as(current, by=by, reason=CHANGE_SEPARATOR.join(changed))
    current.save()
    if changed and current.is_published and not policy.is_team(by):
        notifications.published_content_changed(current, by=by, changed=changed)
    for name, value in relations.items():
        getattr(current, name).set(value)
    if rows is not None:
        _replace_sources(current, rows)
    return current


#: Entries as the admin and the ambassadors' pages write them (registered in apps.py).
moderated = review.ModeratedType(
    model=Entry,
    create=lambda obj, *, relations, rows, by: entry_create(
        entry=obj, relations=relations, sources=rows, by=by
    ),
    update=lambda pk, *, expected_version, changes, relations, rows, by: entry_update(
        entry_id=pk,
        expected_version=expected_version,
        changes=changes,
        relations=relations,
        sources=rows,
        by=by,
    ),
)
