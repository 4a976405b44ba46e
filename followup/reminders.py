"""Reminders on the planning year: departments of an open round that have not submitted
are reminded a number of days before the deadline and again after it (the round's days),
once per department and step, by the daily run (`manage.py daily`); the team can also
remind by hand from the admin. Both go through the task :func:`followup.tasks.remind`."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ambassadors.models import Department
from core import logs
from core.review import User
from notifications import services as notifications
from notifications.models import Kind

from .models import DepartmentReport, FollowupRound, Reminder
from .services import round_missing_departments

Step = Reminder.Step


def due_steps(today: date) -> list[tuple[FollowupRound, str]]:
    """The (round, step) pairs whose reminders are due on ``today``."""
    due: list[tuple[FollowupRound, str]] = []
    for round_ in FollowupRound.objects.filter(is_open=True).order_by("deadline"):
        before = round_.deadline - timedelta(days=round_.remind_days_before)
        if before <= today <= round_.deadline:
            due.append((round_, Step.BEFORE))
        if today >= round_.deadline + timedelta(days=round_.remind_days_after):
            due.append((round_, Step.AFTER))
    return due


def enqueue_due(today: date) -> int:
    """Hand the day's due reminders to the worker; returns how many steps were due. Run
    twice a day, the second run finds every department already reminded."""
    from .tasks import remind

    due = due_steps(today)
    for round_, step in due:
        logs.enqueue(remind, round_.pk, step, today.isoformat())
    return len(due)


def request_manual(*, round_: FollowupRound, by: User) -> None:
    """The team's "remind now" from the admin: the same task, at the manual step."""
    from .tasks import remind

    if not DepartmentReport.review_policy.is_team(by):
        raise PermissionDenied(_("Only the team sends reminders."))
    transaction.on_commit(lambda: logs.enqueue(remind, round_.pk, Step.MANUAL, None))


def send(*, round_: FollowupRound, step: str, today: date) -> int:
    """Remind every department of ``round_`` that has not submitted and has not had this
    step yet; returns how many e-mails were queued."""
    missing = round_missing_departments(round_)
    if step != Step.MANUAL:
        done = set(
            Reminder.objects.filter(round=round_, step=step).values_list("department", flat=True)
        )
        missing = [department for department in missing if department.pk not in done]
    queued = 0
    for department in missing:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        round=round_, department=department, step=step
                    )
            except IntegrityError:
                continue  # another run reminded this department at this step meanwhile
            sent = _remind(round_, department, step, today)
            reminder.recipients = len(sent)
            reminder.save(update_fields=["recipients"])
            queued += len(sent)
    return queued


def _remind(round_: FollowupRound, department: Department, step: str, today: date) -> list:
    days = (round_.deadline - today).days
    return notifications.queue(
        Kind.REMINDER,
        recipients=notifications.ambassadors_of(department),
        template="reminder",
        context={
            "year": round_.year,
            "deadline": round_.deadline,
            "department": department.name,
            "days_left": days,
            "days_late": -days,
            "late": days < 0,
        },
        link=lambda: notifications.absolute(
            reverse("reports:start", args=[round_.pk, department.short_name])
        ),
        about=round_,
    )
