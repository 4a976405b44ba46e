"""Writing notifications: who receives what, in which language, with which link.

A notification is rendered when its event happens (the outbox keeps exactly what was
sent) and handed to the worker after the transaction commits, so that an action never
waits for, or fails with, the mail server. :func:`send_due` hands over what is due
again (a retry whose deferred task was lost, a row whose hand-over failed).
"""

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ambassadors.models import Ambassador, Department
from ambassadors.permissions import DepartmentPolicy
from core import logs, review
from core.review import User
from jobs.models import Job
from pages import identity

from .models import Kind, Notification, Preference

if TYPE_CHECKING:
    from django.contrib.auth.models import User as AccountUser

logger = logging.getLogger(__name__)

#: Kinds that each audience can receive, and so turn off.
TEAM_KINDS = [Kind.SUBMITTED, Kind.CHANGED, Kind.JOB_FAILED]
DEPARTMENT_KINDS = [Kind.RETURNED, Kind.ACCEPTED, Kind.REMINDER]
#: The backend that knows group and user permissions (axes' backend comes before it).
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
#: Set while example content is loaded: invented moves tell nobody.
_silenced: ContextVar[bool] = ContextVar("notifications_silenced", default=False)
#: A queued notification not picked up by then is handed to the worker again.
STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class Recipient:
    user: "AccountUser | None"
    email: str
    #: Why this person gets it, in the outbox (and under the e-mail).
    reason: str


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def admin_url(obj: models.Model, view: str = "change") -> str:
    opts = obj._meta
    return absolute(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk]))


def team(permission: str, *, besides: User | None = None) -> list[Recipient]:
    """The active accounts that hold the team's ``permission`` (themselves or through a
    group) and have an address; ``besides`` (who acted) is left out."""
    users = (
        get_user_model()
        .objects.with_perm(permission, include_superusers=False, backend=MODEL_BACKEND)
        .filter(is_active=True)
        .exclude(email="")
    )
    if besides is not None and besides.pk:
        users = users.exclude(pk=besides.pk)
    reason = _("You are in %(team)s, which reviews this.")  # named in _render
    return [Recipient(user, user.email, reason) for user in users.order_by("pk")]


def ambassadors_of(department: Department, *, besides: User | None = None) -> list[Recipient]:
    """The department's active ambassadors; ``besides`` (who acted) is left out."""
    ambassadors = Ambassador.objects.for_department(department).select_related("user")
    if besides is not None and besides.pk:
        ambassadors = ambassadors.exclude(user_id=besides.pk)
    reason = _("You are an ambassador of %(department)s.") % {"department": department.name}
    return [Recipient(a.user, a.email, reason) for a in ambassadors.order_by("pk")]


def owners_of(obj: review.Reviewable, *, besides: User | None = None) -> list[Recipient]:
    """Who writes ``obj``: its department's ambassadors, or, for the team's own content
    (no department), the account that created it."""
    policy = obj.review_policy
    department = (
        getattr(obj, policy.department_field) if isinstance(policy, DepartmentPolicy) else None
    )
    if department is not None:
        return ambassadors_of(department, besides=besides)
    writer = obj.created_by
    if writer is None or not writer.email or (besides is not None and writer.pk == besides.pk):
        return []
    return [Recipient(writer, writer.email, _("You wrote this."))]


def message_context(obj: review.Reviewable, by: Any, comment: str) -> dict[str, Any]:
    return {
        "what": obj.noun,
        "title": str(obj),
        "by": display_name(by),
        "comment": comment,
    }


def display_name(user: Any) -> str:
    """An ambassador's name as the network knows it, else the account's full name; an
    account without one (a shared login such as "team") is named for what it is: the
    team, for staff, else the user name with a capital (a mail's sentence starts with it)."""
    if not user.pk:
        return ""
    ambassador = Ambassador.objects.filter(user_id=user.pk).only("name").first()
    if ambassador:
        return ambassador.name
    if user.get_full_name():
        return user.get_full_name()
    if user.is_staff:
        return identity.words()["Team"]
    return capfirst(user.get_username())


def _field_name(obj: models.Model, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except Exception:  # a name that is not a field, such as a formset's "sources"
        return name


@contextlib.contextmanager
def silenced() -> Iterator[None]:
    """No notifications inside: for loading example content, whose moves are invented."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def queue(
    kind: Kind,
    *,
    recipients: Iterable[Recipient],
    template: str,
    context: dict[str, Any],
    link: Callable[[], str],
    about: models.Model | None = None,
) -> list[Notification]:
    """Write one notification per recipient who has not turned ``kind`` off, from
    ``notifications/mail/<template>_subject.txt`` and ``<template>.txt`` in the
    recipient's language (``link`` is called in it too), and hand them to the worker
    once the transaction commits."""
    if _silenced.get():
        return []
    recipients = [r for r in recipients if r.email]
    users = [r.user.pk for r in recipients if r.user is not None]
    preferences = {p.user_id: p for p in Preference.objects.filter(user_id__in=users)}
    content_type = ContentType.objects.get_for_model(about) if about is not None else None
    rows = []
    rendered: dict[tuple[str, str], tuple[str, str, str]] = {}  # the same text is written once
    for recipient in recipients:
        preference = preferences.get(recipient.user.pk) if recipient.user else None
        if preference is not None and kind in preference.muted:
            continue
        language = preference.language if preference else settings.LANGUAGE_CODE
        key = (language, recipient.reason)
        if key not in rendered:
            rendered[key] = _render(template, context, link, language, recipient.reason)
        subject, body, url = rendered[key]
        rows.append(
            Notification(
                kind=kind,
                recipient=recipient.user,
                to=recipient.email,
                language=language,
                subject=" ".join(subject.split())[:255],
                body=body.strip() + "\n",
                link=url,
                reason=recipient.reason,
                content_type=content_type,
                object_id=about.pk if about is not None else None,
            )
        )
    created = Notification.objects.bulk_create(rows)
    if created:
        hand_over([notification.pk for notification in created])
    return created


def _render(
    template: str, context: dict[str, Any], link: Callable[[], str], language: str, reason: str
) -> tuple[str, str, str]:
    """Subject, text and link of a notification, in ``language``."""
    with translation.override(language):
        url = link()
        values = {
            **context,
            "link": url,
            "reason": str(reason) % identity.words() if "%(" in str(reason) else reason,
            "site_name": identity.current().site_name_i18n,
            **identity.words(),
            "preferences_link": absolute(reverse("notifications:preferences")),
        }
        subject = render_to_string(f"notifications/mail/{template}_subject.txt", values)
        body = render_to_string(f"notifications/mail/{template}.txt", values)
    return subject, body, url


def hand_over(notification_ids: list[int], *, at: Any = None) -> None:
    """Enqueue the sending of notifications, as one task, after the transaction commits
    (at ``at`` if the backend can defer). A failure to enqueue is logged, never raised: the
    action that caused the mail is done, and :func:`send_due` picks the rows up later."""
    from .tasks import deliver_all

    def enqueue() -> None:
        task = deliver_all
        if at is not None:
            if not task.get_backend().supports_defer:
                return  # send_due hands them over when they are due
            task = task.using(run_after=at)
        try:
            logs.enqueue(task, notification_ids)
        except Exception:
            logger.exception("Notifications %s could not be handed to the worker", notification_ids)

    transaction.on_commit(enqueue)


def send_due(*, now: Any = None) -> int:
    """Hand over every notification that should have been sent by now: queued for longer
    than STALE_AFTER, or waiting for a retry that is due. Returns how many."""
    now = now or timezone.now()
    due = Notification.objects.filter(
        Q(state=Notification.State.QUEUED, queued_at__lte=now - STALE_AFTER)
        | Q(state=Notification.State.WAITING, next_attempt_at__lte=now)
    ).values_list("pk", flat=True)
    pks = list(due)
    if pks:
        hand_over(pks)
    return len(pks)


def retry(notifications: Iterable[Notification]) -> int:
    """The team's "try again now" for failed or waiting notifications."""
    pks = [n.pk for n in notifications if n.state != Notification.State.SENT]
    Notification.objects.filter(pk__in=pks).update(
        state=Notification.State.QUEUED, next_attempt_at=None
    )
    if pks:
        hand_over(pks)
    return len(pks)


def preference_for(user: "AccountUser") -> Preference:
    """The person's preference, or the defaults (unsaved) when they never chose."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def kinds_for(user: User) -> list[Kind]:
    """The kinds of notification ``user`` can receive (and so turn off)."""
    kinds = []
    if review.is_reviewer(user):
        kinds += TEAM_KINDS
    if Ambassador.objects.active().filter(user_id=user.pk).exists():
        kinds += DEPARTMENT_KINDS
    return kinds


def job_failed(job: Job) -> None:
    """A job failed: whoever asked for it is told, or, for one nobody asked for (the
    annual report's own builds), the team members who can see the jobs."""
    asker = job.requested_by
    if asker is not None and asker.is_active and asker.email:
        recipients = [Recipient(asker, asker.email, _("You asked for this job."))]
    else:
        recipients = team("jobs.view_job")
    queue(
        Kind.JOB_FAILED,
        recipients=recipients,
        template="job_failed",
        context={"job": str(job), "error": job.error},
        link=lambda: admin_url(job),
        about=job,
    )


def published_content_changed(obj: review.Reviewable, *, by: Any, changed: list[str]) -> None:
    """A department changed content that is already public: the team reads it again."""
    names = [_field_name(obj, name) for name in changed]
    context = message_context(obj, by, "") | {"changed": ", ".join(names)}
    queue(
        Kind.CHANGED,
        recipients=team(obj.review_policy.team_permission, besides=by),
        template="changed",
        context=context,
        link=lambda: admin_url(obj, "history"),
        about=obj,
    )
