"""The review workflow that every moderated content type shares: initiatives, knowledge
entries and department reports.

A department writes a draft, submits it, and the quality-of-life team either accepts it
(publishes an initiative or an entry, approves a report; accepted content is public) or
returns it with a comment. Every save raises ``version`` by one, so that an editor who
started from an older version is refused instead of overwriting someone else's work.

A moderated model inherits :class:`Reviewable`, uses :class:`ReviewQuerySet` and names
its :class:`ReviewPolicy` (who may do what, and the messages; a policy decides, it never
writes). Every move goes through :func:`submit`, :func:`publish` and
:func:`return_with_comment`; nothing else writes the workflow's fields. The app registers
the type once (:func:`register`, a :class:`ModeratedType`): the services that write its
content, which the admin (core.admin.ReviewAdmin) and the ambassadors' pages
(ambassadors.review_views.ContentPages) call, and what the team's accept does. A new
moderated type is a model, a policy, a form, its templates and that registration
(docs/architecture.md, "A new moderated type").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import history

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import User as AccountUser

#: The acting user: a request's user (anonymous too) or a command's.
type User = AccountUser | AnonymousUser


class State(models.TextChoices):
    """Every state of the workflow. A model takes the four of its own through
    :func:`state_field`: its end state is PUBLISHED or APPROVED."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned with a comment")


#: Sent inside the transaction of every move, with ``obj`` (moved), ``previous`` (its state
#: before), ``by`` (who moved it) and ``comment``: what the notifications listen to.
moved = Signal()

#: The states in which the department may still change and submit its work.
OPEN_STATES = frozenset({State.DRAFT, State.RETURNED})


def state_field(accepted: State = State.PUBLISHED) -> models.CharField:
    """The ``state`` column of a model whose end state is ``accepted``."""
    states = [State.DRAFT, State.SUBMITTED, accepted, State.RETURNED]
    return models.CharField(
        _("review state"),
        max_length=12,
        choices=[(state.value, state.label) for state in states],
        default=State.DRAFT,
    )


def published_filter(model: type[models.Model], prefix: str = "") -> models.Q:
    """The published objects of ``model`` reached through a relation (``prefix``, e.g.
    "initiative__"), as a join condition: what ``published()`` says, in a filter."""
    return models.Q(**{f"{prefix}state": _policy(model).accepted})


def _policy(model: type[models.Model]) -> ReviewPolicy:
    return model.review_policy  # type: ignore[attr-defined]  # every Reviewable has one


class ReviewQuerySet(models.QuerySet):
    """The reads every moderated type shares."""

    def published(self) -> Self:
        """What the public may see: published initiatives and entries, approved reports."""
        return self.filter(published_filter(self.model))

    def awaiting_review(self) -> Self:
        """What the team has to review, oldest first."""
        return self.filter(state=State.SUBMITTED).order_by("submitted_at", "pk")

    def viewable_by(self, user: User) -> Self:
        """What ``user`` may see on the public pages: the published objects, and for the
        team and the writing department also what is not published yet (a preview)."""
        policy = _policy(self.model)
        if policy.is_team(user):
            return self.all()
        if not user.is_authenticated:
            return self.published()
        return self.filter(published_filter(self.model) | policy.editable_filter(user))

    def editable_by(self, user: User) -> Self:
        """What ``user`` may change: everything for the team, else their departments'."""
        policy = _policy(self.model)
        if policy.is_team(user):
            return self.all()
        return self.filter(policy.editable_filter(user))


class ReviewPolicy:
    """Who may move a moderated type through the workflow, and what they are told.

    A subclass names the team's permission, the end state and the messages, and says who
    may edit an object (:meth:`can_edit`, :meth:`editable_filter`); the department-owned
    types share ``ambassadors.permissions.DepartmentPolicy``. :meth:`check_submit` adds
    a type's own condition for submitting (a report must be complete).
    """

    #: "app_label.codename" of the permission that makes a user the reviewing team.
    team_permission: ClassVar[str]
    accepted: ClassVar[State] = State.PUBLISHED
    # Messages. ``refused`` takes %(state)s and %(action)s.
    refused: ClassVar[str | Promise]
    not_yours_to_change: ClassVar[str | Promise]
    not_yours_to_submit: ClassVar[str | Promise]
    not_yours_to_see: ClassVar[str | Promise] = _("You can only see your own department's work.")
    team_only_accepts: ClassVar[str | Promise]
    team_only_returns: ClassVar[str | Promise]
    return_needs_comment: ClassVar[str | Promise] = _("Say what the department should change.")
    conflict: ClassVar[str | Promise]
    submitted: ClassVar[str | Promise] = _("Sent to the team for review.")
    returned: ClassVar[str | Promise]
    # The admin's accept action: its name, its label, and its result (ngettext_lazy with
    # "count" as the number's key).
    accept_action: ClassVar[str] = "publish"
    accept_description: ClassVar[str | Promise]
    accepted_count: ClassVar[str | Promise]

    def is_team(self, user: User) -> bool:
        return bool(user.is_active and user.has_perm(self.team_permission))

    def can_edit(self, user: User, obj: Any) -> bool:
        raise NotImplementedError

    def editable_filter(self, user: User) -> models.Q:
        """The objects ``user`` may edit, as a filter (the team's case is handled before)."""
        raise NotImplementedError

    def check_submit(self, obj: Any) -> None:
        """Raise ValidationError when ``obj`` is not ready to be submitted."""


class Reviewable(models.Model):
    """The workflow's fields. A subclass sets ``review_policy`` and, for an end state other
    than PUBLISHED, its own ``state = state_field(State.APPROVED)``."""

    State = State
    review_policy: ClassVar[ReviewPolicy]

    state = state_field()
    review_comment = models.TextField(
        _("the team's comment"),
        blank=True,
        help_text=_("Why it was returned, for the department to act on."),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=_("Raised by one on every save.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        """The object's public page (a preview for its writers until it is accepted)."""
        raise NotImplementedError

    @property
    def is_open(self) -> bool:
        """Whether the department may still change and submit it."""
        return self.state in OPEN_STATES

    @property
    def is_published(self) -> bool:
        return self.state == self.review_policy.accepted

    @property
    def noun(self) -> str:
        """What it is called in messages ("initiative"; "change to the published ...")."""
        return str(self._meta.verbose_name)

    def get_work_url(self) -> str:
        """The writers' page of the object, where they act on it (e-mails link there)."""
        raise NotImplementedError


class EditConflictError(Exception):
    """Someone saved the object after the editor opened it; ``changed_fields`` names the
    fields that differ from the version the editor started from (empty when only the
    review state or related rows moved on)."""

    def __init__(self, current: Reviewable, changed_fields: list[str]):
        self.current = current
        self.changed_fields = changed_fields
        super().__init__(str(current.review_policy.conflict))

    def message(self, *, field_names: bool = False) -> str:
        """The editor's message: what happened, what changed, and what to do. The fields
        are named by their labels, or (``field_names``, for the admin) by their names."""
        opts = type(self.current)._meta
        names = [
            name if field_names else str(concrete_field(opts.model, name).verbose_name)
            for name in self.changed_fields
        ]
        conflict = str(self.current.review_policy.conflict).rstrip(".")
        what = (
            gettext("%(conflict)s (changed: %(fields)s).")
            % {"conflict": conflict, "fields": ", ".join(names)}
            if names
            else f"{conflict}."
        )
        return f"{what} {gettext('Your changes are not saved: open it again to see theirs.')}"


def concrete_field(model: type[models.Model], name: str) -> models.Field:
    """The model's own field ``name`` (not a reverse relation)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is a reverse relation")
    return field


def check_version(current: Reviewable, expected_version: int | None, fields: Iterable[str]) -> None:
    """Raise EditConflictError when ``current`` moved on from ``expected_version``, naming
    which of ``fields`` changed since (read from the model's history)."""
    if current.version == expected_version:
        return
    record = current.history.filter(version=expected_version).first()  # type: ignore[attr-defined]
    changed = []
    if record is not None:
        for name in fields:
            column = concrete_field(type(current), name).attname
            if getattr(record, column) != getattr(current, column):
                changed.append(name)
    raise EditConflictError(current, changed)


def check_edit(
    current: Reviewable,
    *,
    by: User,
    expected_version: int | None,
    changes: dict,
    relations: dict,
    fields: list[str],
    related: list[str],
) -> None:
    """What every edit checks before it writes anything: ``by`` may edit ``current`` (a
    locked row), it is still the version the editor started from, and ``changes`` and
    ``relations`` name only editable ``fields`` and ``related`` ones."""
    policy = current.review_policy
    if not policy.can_edit(by, current):
        raise PermissionDenied(policy.not_yours_to_change)
    check_version(current, expected_version, fields)
    unknown = (set(changes) - set(fields)) | (set(relations) - set(related))
    if unknown:
        raise ValidationError(
            gettext("These fields cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )


def account(user: User) -> AccountUser | None:
    """The user to record as an author: None for an anonymous one (services refuse those
    before they write anything)."""
    return user if user.is_authenticated else None


def lock(model: type[Reviewable], pk: int) -> Any:
    """The row, locked for the rest of the transaction and read fresh."""
    return model._default_manager.select_for_update().get(pk=pk)


def _move[M: Reviewable](
    obj: M, *, by: User, allowed_from: set[State], to: State, comment: str = ""
) -> M:
    """Move ``obj`` to ``to`` if it is in one of ``allowed_from``; the row is locked and
    read fresh, stamped, its version raised, and the user put into its history."""
    current = lock(type(obj), obj.pk)
    policy = current.review_policy
    if current.state not in allowed_from:
        raise ValidationError(
            str(policy.refused) % {"state": current.get_state_display(), "action": State(to).label}
        )
    fields = ["state", "review_comment", "version", "updated_at"]
    if to == State.SUBMITTED:
        current.submitted_at = timezone.now()
        fields.append("submitted_at")
    elif to == policy.accepted and current.published_at is None:
        current.published_at = timezone.now()  # the first publication stays the date
        fields.append("published_at")
    previous = State(current.state)
    current.state, current.review_comment = to, comment
    current.version += 1
    history.record_as(current, by=by)
    current.save(update_fields=fields)
    moved.send(type(current), obj=current, previous=previous, by=by, comment=comment)
    _log_for_admin(current, by=by, to=to)
    logger.info(
        "%s %s: %s → %s by user %s",
        current._meta.label,
        current.pk,
        previous.value,
        State(to).value,
        by.pk,
    )
    return current


def _log_for_admin(obj: models.Model, *, by: User, to: State) -> None:
    """The move in the admin's log: its *Senaste händelser* and the object's history list
    show a submission, a publication, an approval or a return as they show an edit."""
    from django.contrib.admin.models import CHANGE, LogEntry

    user_id = getattr(by, "pk", None)
    if user_id is None or not getattr(by, "is_authenticated", False):
        return
    with translation.override(settings.LANGUAGE_CODE):
        message = str(State(to).label).capitalize()
    LogEntry.objects.log_actions(
        user_id=user_id, queryset=[obj], action_flag=CHANGE, change_message=message
    )


@transaction.atomic
def submit[M: Reviewable](obj: M, *, by: User) -> M:
    """A draft or returned object goes to the team for review."""
    policy = obj.review_policy
    if not policy.can_edit(by, obj):
        raise PermissionDenied(policy.not_yours_to_submit)
    policy.check_submit(obj)
    return _move(obj, by=by, allowed_from=set(OPEN_STATES), to=State.SUBMITTED)


def check_acceptable[M: Reviewable](obj: M, *, by: User) -> M:
    """What every accept checks: ``by`` is on the team, and ``obj`` (returned locked and read
    fresh) was submitted."""
    policy = obj.review_policy
    if not policy.is_team(by):
        raise PermissionDenied(policy.team_only_accepts)
    current = lock(type(obj), obj.pk)
    if current.state != State.SUBMITTED:
        raise ValidationError(
            str(policy.refused)
            % {"state": current.get_state_display(), "action": State(policy.accepted).label}
        )
    return current


@transaction.atomic
def publish[M: Reviewable](obj: M, *, by: User) -> M:
    """Only the team accepts, and only what was submitted: an initiative or entry is
    published, a report approved. Either way it becomes public."""
    check_acceptable(obj, by=by)
    return _move(obj, by=by, allowed_from={State.SUBMITTED}, to=obj.review_policy.accepted)


@transaction.atomic
def return_with_comment[M: Reviewable](obj: M, *, by: User, comment: str) -> M:
    """The team sends a submitted object back to its department, saying why."""
    policy = obj.review_policy
    if not policy.is_team(by):
        raise PermissionDenied(policy.team_only_returns)
    if not comment.strip():
        raise ValidationError({"review_comment": policy.return_needs_comment})
    return _move(
        obj, by=by, allowed_from={State.SUBMITTED}, to=State.RETURNED, comment=comment.strip()
    )


@dataclass(frozen=True)
class ModeratedType[M: Reviewable]:
    """A moderated type as the shared pages and the admin use it, registered once by its app
    (:func:`register`, in ``AppConfig.ready()``).

    A type whose content is its own ``fields`` and ``relations`` (many-to-many) is written by
    :func:`content_create` and :func:`content_update`. A type with more to it names its own
    services: ``create(obj, *, relations, rows, by)`` and ``update(pk, *, expected_version,
    changes, relations, rows, by)`` (``rows``: the inline rows, such as an initiative's
    links, as dicts). ``accept(obj, *, by)`` is what the team's accept does (:func:`publish`,
    unless the type has its own way, such as a pending change written onto its original).
    A type without ``fields`` and ``create`` is written on its own pages only (a report)."""

    model: type[M]
    fields: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    create: Callable[..., M] | None = None
    update: Callable[..., M] | None = None
    accept: Callable[..., M] = publish

    @property
    def policy(self) -> ReviewPolicy:
        return self.model.review_policy

    def create_content(self, obj: M, *, relations: dict, rows: list[dict], by: User) -> M:
        if self.create is not None:
            return self.create(obj, relations=relations, rows=rows, by=by)
        return content_create(self, obj, relations=relations, by=by)

    def update_content(
        self,
        pk: int,
        *,
        expected_version: int | None,
        changes: dict,
        relations: dict,
        rows: list[dict],
        by: User,
    ) -> M:
        if self.update is not None:
            return self.update(
                pk,
                expected_version=expected_version,
                changes=changes,
                relations=relations,
                rows=rows,
                by=by,
            )
        return content_update(
            self, pk, expected_version=expected_version, changes=changes, relations=relations, by=by
        )


def _writable(moderated: ModeratedType) -> None:
    if not moderated.fields:
        raise PermissionDenied(gettext("This content is written on its own pages."))


@transaction.atomic
def content_create[M: Reviewable](
    moderated: ModeratedType[M], obj: M, *, relations: dict, by: User
) -> M:
    """Save ``obj`` as a new draft of ``by``'s (its policy says whose it may be)."""
    _writable(moderated)
    policy = moderated.policy
    if not policy.can_edit(by, obj):
        raise PermissionDenied(policy.not_yours_to_change)
    obj.state, obj.version, obj.created_by = State.DRAFT, 1, account(by)
    obj.full_clean()
    history.record_as(obj, by=by)
    obj.save()
    for name in moderated.relations:
        getattr(obj, name).set(relations.get(name, []))
    return obj


@transaction.atomic
def content_update[M: Reviewable](
    moderated: ModeratedType[M],
    pk: int,
    *,
    expected_version: int | None,
    changes: dict,
    relations: dict,
    by: User,
) -> M:
    """Apply an editor's ``changes`` to the version they started from (check_edit); the
    object stays in its state, its version goes up by one, its history records ``by``."""
    _writable(moderated)
    current = lock(moderated.model, pk)
    check_edit(
        current,
        by=by,
        expected_version=expected_version,
        changes=changes,
        relations=relations,
        fields=list(moderated.fields),
        related=list(moderated.relations),
    )
    for name, value in changes.items():
        setattr(current, name, value)
    if not moderated.policy.can_edit(by, current):  # given to a department not theirs
        raise PermissionDenied(moderated.policy.not_yours_to_change)
    current.version += 1
    current.full_clean()
    history.record_as(current, by=by)
    current.save()
    for name, value in relations.items():
        getattr(current, name).set(value)
    return current


_types: dict[type[models.Model], ModeratedType] = {}


def register[M: Reviewable](moderated: ModeratedType[M]) -> ModeratedType[M]:
    """Make ``moderated`` known to the admin, the ambassadors' pages and :func:`is_reviewer`."""
    _types[moderated.model] = moderated
    return moderated


def moderated_type[M: Reviewable](model: type[M]) -> ModeratedType[M]:
    """The registration of ``model``; a model nobody registered raises LookupError."""
    try:
        return _types[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not a registered moderated type") from None


def is_reviewer(user: User) -> bool:
    """Whether ``user`` reviews any moderated type (is on the quality-of-life team)."""
    return any(moderated.policy.is_team(user) for moderated in _types.values())
