"""Every write to an initiative's content: the editor's rights and lost-update checks. Its
review moves (submit, publish, return) are core.review's."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import review
from core.review import User
from programme.models import ProgrammeNode

from . import images
from .models import RELATED_FIELDS, TEXT_FIELDS, WORK_FIELDS, Initiative, InitiativeLink

# Fields an editor writes; the workflow fields (state, review_comment, version, ...) are
# only written by core.review.
EDITABLE_FIELDS = [
    *TEXT_FIELDS,
    "lead_department",
    *WORK_FIELDS,
    "contact",
    "is_example",
    "image",
    "image_alt",
]
EDITABLE_RELATIONS = list(RELATED_FIELDS)

policy = Initiative.review_policy


def _check_priorities(priorities: list[ProgrammeNode] | None) -> None:
    if not priorities:
        raise ValidationError({"priorities": _("Choose at least one priority.")})
    if not all(node.is_priority for node in priorities):
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
    *, initiative: Initiative, relations: dict, by: User, links: list[dict] | None = None
) -> Initiative:
    """Save a new initiative as a draft of a department the user may lead for."""
    if not policy.can_write_for(by, initiative.lead_department):
        raise PermissionDenied(policy.not_yours_to_lead)
    _check_priorities(relations.get("priorities"))
    initiative.state = review.State.DRAFT
    initiative.version = 1
    initiative.created_by = review.account(by)
    initiative.full_clean()
    images.store_upload(initiative)
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
    expected_version: int | None,
    changes: dict,
    relations: dict,
    by: User,
    links: list[dict] | None = None,
) -> Initiative:
    """Apply an editor's changes to the version they started from; ``links``, when given,
    replace the initiative's links.

    The row is locked and its version compared: if it moved on, nothing is written and
    review.EditConflictError names the fields that changed meanwhile. A user may not move
    an initiative to a department they cannot lead for.
    """
    current = review.lock(Initiative, initiative_id)
    review.check_edit(
        current,
        by=by,
        expected_version=expected_version,
        changes=changes,
        relations=relations,
        fields=EDITABLE_FIELDS,
        related=EDITABLE_RELATIONS,
    )
    if changes.get("image") is False:  # a form's "Clear" box for the image
        changes = {**changes, "image": ""}
    for name, value in changes.items():
        setattr(current, name, value)
    if "lead_department" in changes and not policy.can_write_for(by, current.lead_department):
        raise PermissionDenied(policy.not_yours_to_lead)
    if "priorities" in relations:
        _check_priorities(relations["priorities"])
    current.version += 1
    current.full_clean()
    images.store_upload(current)
    current.save()
    for name, value in relations.items():
        getattr(current, name).set(value)
    if links is not None:
        _replace_links(current, links)
    return current
