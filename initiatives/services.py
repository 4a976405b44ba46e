"""Every write to an initiative: the workflow, the editor's rights and lost-update checks."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import workflow

from . import permissions
from .models import Initiative, InitiativeLink

# Fields an editor writes; the workflow fields (state, review_comment, version, ...) are
# only written by the workflow services below.
EDITABLE_FIELDS = [
    "title", "summary", "body", "lead_department", "status", "starts_on", "ends_on",
    "target_group", "results", "lessons", "contact", "is_example", "image", "image_alt",
]  # fmt: skip
EDITABLE_RELATIONS = ["partner_departments", "priorities", "tags"]

State = Initiative.State


@dataclass
class EditConflictError(Exception):
    """Someone saved the initiative after the editor opened it."""

    current: Initiative
    changed_fields: list[str]

    def __str__(self):
        return _("Someone else saved this initiative while you edited it.")


def _check_priorities(priorities) -> None:
    if not priorities:
        raise ValidationError({"priorities": _("Choose at least one priority.")})
    if any(node.depth != 3 for node in priorities):
        raise ValidationError({"priorities": _("Only priorities can be chosen.")})


def _replace_links(initiative: Initiative, links: list[dict]) -> None:
    """The initiative's links become ``links`` ({"title", "url"} each), in that order."""
    rows = [
        InitiativeLink(initiative=initiative, title=link["title"], url=link["url"], position=n)
        for n, link in enumerate(links)
    ]
    for row in rows:
        row.full_clean(exclude=["initiative"])
    initiative.links.all().delete()
    InitiativeLink.objects.bulk_create(rows)


@transaction.atomic
def initiative_create(
    *, initiative: Initiative, relations: dict, by, links: list[dict] | None = None
) -> Initiative:
    """Save a new initiative as a draft of a department the user may lead for."""
    if not permissions.can_lead_for(by, initiative.lead_department):
        raise PermissionDenied(_("You can only log initiatives for your own department."))
    _check_priorities(relations.get("priorities"))
    initiative.state = State.DRAFT
    initiative.version = 1
    initiative.created_by = by
    initiative.full_clean()
    initiative.save()
    for name in EDITABLE_RELATIONS:
        getattr(initiative, name).set(relations.get(name, []))
    if links:
        _replace_links(initiative, links)
    return initiative


@transaction.atomic
def initiative_update(
    *,
    initiative_id: int,
    expected_version: int,
    changes: dict,
    relations: dict,
    by,
    links: list[dict] | None = None,
) -> Initiative:
    """Apply an editor's changes to the version they started from; ``links``, when given,
    replace the initiative's links.

    The row is locked and its version compared: if it moved on, nothing is written and
    EditConflictError names the fields that changed meanwhile. A user may not move an
    initiative to a department they cannot lead for.
    """
    current = Initiative.objects.select_for_update().get(pk=initiative_id)
    if not permissions.can_edit(by, current):
        raise PermissionDenied(_("You can only change your own department's initiatives."))
    check_version(current=current, expected_version=expected_version)
    unknown = (set(changes) - set(EDITABLE_FIELDS)) | (set(relations) - set(EDITABLE_RELATIONS))
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(fields)s") % {
            "fields": ", ".join(sorted(unknown))
        })  # fmt: skip
    if changes.get("image") is False:  # a form's "Clear" box for the image
        changes = {**changes, "image": ""}
    for name, value in changes.items():
        setattr(current, name, value)
    if "lead_department" in changes and not permissions.can_lead_for(by, current.lead_department):
        raise PermissionDenied(_("You can only log initiatives for your own department."))
    if "priorities" in relations:
        _check_priorities(relations["priorities"])
    current.version += 1
    current.full_clean()
    current.save()
    for name, value in relations.items():
        getattr(current, name).set(value)
    if links is not None:
        _replace_links(current, links)
    return current


def check_version(*, current: Initiative, expected_version: int | None) -> None:
    """Raise EditConflictError, naming the fields changed since ``expected_version``, when
    ``current`` has moved on from the version the editor started from."""
    if current.version != expected_version:
        record = current.history.filter(version=expected_version).first()
        raise EditConflictError(current=current, changed_fields=_changed_since(record, current))


def _changed_since(record, current) -> list[str]:
    """Fields that differ between the historical ``record`` and the initiative now."""
    if record is None:
        return []
    columns = [f"{name}_id" if name == "lead_department" else name for name in EDITABLE_FIELDS]
    return [
        name
        for name, column in zip(EDITABLE_FIELDS, columns, strict=True)
        if getattr(record, column) != getattr(current, column)
    ]


def _transition(initiative: Initiative, *, by, allowed_from, to, comment="") -> Initiative:
    return workflow.transition(
        initiative,
        allowed_from=allowed_from,
        to=to,
        comment=comment,
        refused=_("The initiative is “%(state)s” and cannot become “%(action)s” now."),
        stamp="published_at" if to == State.PUBLISHED else None,
        stamp_once=True,
        by=by,
    )


@transaction.atomic
def initiative_submit(*, initiative: Initiative, by) -> Initiative:
    """A draft or returned initiative goes to the team for review."""
    if not permissions.can_edit(by, initiative):
        raise PermissionDenied(_("You can only submit your own department's initiatives."))
    return _transition(
        initiative, by=by, allowed_from={State.DRAFT, State.RETURNED}, to=State.SUBMITTED
    )


@transaction.atomic
def initiative_publish(*, initiative: Initiative, by) -> Initiative:
    """Only the team publishes, and only what was submitted."""
    if not permissions.is_team(by):
        raise PermissionDenied(_("Only the quality-of-life team publishes initiatives."))
    return _transition(initiative, by=by, allowed_from={State.SUBMITTED}, to=State.PUBLISHED)


@transaction.atomic
def initiative_return(*, initiative: Initiative, by, comment: str) -> Initiative:
    """The team sends a submitted initiative back, saying why."""
    if not permissions.is_team(by):
        raise PermissionDenied(_("Only the quality-of-life team returns initiatives."))
    if not comment.strip():
        raise ValidationError({"review_comment": _("Say what the department should change.")})
    return _transition(
        initiative,
        by=by,
        allowed_from={State.SUBMITTED},
        to=State.RETURNED,
        comment=comment.strip(),
    )
