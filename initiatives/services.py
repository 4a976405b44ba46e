"""Every write to an initiative's content: the editor's rights and lost-update checks. Its
review moves (submit, return) are core.review's; publishing is :func:`initiative_publish`
(a pending change is written onto its original)."""

import logging
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import history, review
from core.review import User
from programme.models import ProgrammeNode

from . import images
from .models import EDITABLE_FIELDS, RELATED_FIELDS, Initiative, InitiativeLink

EDITABLE_RELATIONS = list(RELATED_FIELDS)

policy = Initiative.review_policy
logger = logging.getLogger(__name__)


def _check_priorities(priorities: list[ProgrammeNode] | None) -> None:
    if not priorities:
        raise ValidationError({"priorities": _("Choose at least one priority.")})
    if ProgrammeNode.objects.filter(pk__in=[node.pk for node in priorities]).leaves().count() < len(
        {node.pk for node in priorities}
    ):
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

    A department's change to a *published* initiative does not go live: it is saved as a
    pending change (a copy, ``change_of``) and sent to the team, and returned instead of
    the initiative; the public sees the published version until the team publishes the
    change. A pending change is edited through its own id, and saving it sends it again.
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
    if current.is_published and not policy.is_team(by):
        if Initiative.objects.filter(change_of=current).exists():
            raise review.EditConflictError(current, [])  # a change was made meanwhile
        current = _copy_for_change(current, by=by)
    _apply(current, changes=changes, relations=relations, links=links, by=by)
    if current.is_change and not policy.is_team(by) and current.state != review.State.SUBMITTED:
        current = review.submit(current, by=by)
    return current


def _apply(
    current: Initiative, *, changes: dict, relations: dict, links: list[dict] | None, by: User
) -> None:
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


#: What a pending change carries over to the initiative it changes: every field the editor
#: writes, and the stored image's sizes and private original.
CHANGE_FIELDS = [*EDITABLE_FIELDS, "image_width", "image_height", "image_sizes", "image_original"]


def _links_of(initiative: Initiative) -> list[dict]:
    return [{"title": link.title, "url": link.url} for link in initiative.links.all()]


def _copy_for_change(original: Initiative, *, by: User) -> Initiative:
    """A draft copy of ``original`` (fields, relations, links) for a department to change."""
    copy = Initiative(
        **{name: getattr(original, name) for name in CHANGE_FIELDS},
        change_of=original,
        change_base_version=original.version,
        state=review.State.DRAFT,
        created_by=review.account(by),
    )
    copy.save()
    for name in EDITABLE_RELATIONS:
        getattr(copy, name).set(getattr(original, name).all())
    _replace_links(copy, _links_of(original))
    return copy


@transaction.atomic
def initiative_publish(initiative: Initiative, *, by: User) -> Initiative:
    """The team publishes a submitted initiative (core.review.publish), or a submitted
    pending change, which is written onto the published initiative it changes: that one is
    returned, and the workflow's signal says it moved from submitted to published, so the
    department hears that its change is public."""
    if initiative.change_of_id is None:
        return review.publish(initiative, by=by)
    change = review.check_acceptable(initiative, by=by)
    original = _apply_change(change, by=by)
    review.moved.send(Initiative, obj=original, previous=review.State.SUBMITTED, by=by, comment="")
    logger.info(
        "initiatives.Initiative %s: change %s published by user %s", original.pk, change.pk, by.pk
    )
    return original


def _apply_change(change: Initiative, *, by: User) -> Initiative:
    """Write a submitted pending change onto the published initiative it changes and
    delete the change; the initiative's version goes up by one and its history records
    ``by``. Refused when the initiative was changed after the change was made (the team
    would otherwise undo that edit): the team returns the change instead."""
    original = review.lock(Initiative, cast(int, change.change_of_id))
    review.check_version(original, change.change_base_version, EDITABLE_FIELDS)
    for name in CHANGE_FIELDS:
        setattr(original, name, getattr(change, name))
    original.version += 1
    original.full_clean()
    history.record_as(original, by=by)
    original.save()
    for name in EDITABLE_RELATIONS:
        getattr(original, name).set(getattr(change, name).all())
    _replace_links(original, _links_of(change))
    change.delete()
    return original


#: Initiatives as the admin and the ambassadors' pages write them (registered in apps.py).
moderated = review.ModeratedType(
    model=Initiative,
    create=lambda obj, *, relations, rows, by: initiative_create(
        initiative=obj, relations=relations, links=rows, by=by
    ),
    update=lambda pk, *, expected_version, changes, relations, rows, by: initiative_update(
        initiative_id=pk,
        expected_version=expected_version,
        changes=changes,
        relations=relations,
        links=rows,
        by=by,
    ),
    accept=initiative_publish,
)
