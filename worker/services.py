"""The workers' heartbeats and the recovery of lost tasks.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again:
a worker killed mid-task (``kill -9``, the host lost, out of memory) leaves it RUNNING for
good, and anything waiting on it (a job's progress bar) with it. Here each worker renews
its :class:`~worker.models.WorkerBeat` every ``WORKER_HEARTBEAT_SECONDS``, and a RUNNING
task whose worker has not beaten for ``WORKER_LOST_AFTER_SECONDS`` is lost: it is queued
again, up to ``TASK_ATTEMPTS`` runs in all, and then marked failed. Every worker recovers
lost tasks at start and then every half of that time, and so does `manage.py daily`.
Receivers of :data:`~worker.signals.task_lost` (the jobs) follow in the same transaction.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from .models import WorkerBeat
from .signals import task_lost

logger = logging.getLogger(__name__)

#: Why a task was lost (task_lost's ``reason``): its worker stopped beating, or its worker
#: stopped it at its time limit.
LOST, TIME_LIMIT = "lost", "time_limit"
#: A worker's row is kept this long after its last beat (it shows when the worker died).
FORGET_AFTER = timedelta(days=1)


class LostTaskError(Exception):
    """Recorded as a lost task's error after its last attempt."""


class TimeLimitExceededError(Exception):
    """Raised in a task that runs longer than TASK_TIME_LIMIT_SECONDS (worker.runner)."""


@dataclass(frozen=True)
class Recovered:
    task_id: str
    task_path: str
    #: Queued again (True) or, after its last attempt, failed.
    requeued: bool
    #: The runs it has had so far.
    attempts: int


def lost_after() -> timedelta:
    return timedelta(seconds=settings.WORKER_LOST_AFTER_SECONDS)


def beat_start(worker_id: str, *, now: datetime | None = None) -> WorkerBeat:
    now = now or timezone.now()
    beat, _created = WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": now,
            "beat_at": now,
            "task_id": None,
            "task_started_at": None,
        },
    )
    return beat


def beat(worker_id: str, *, task_id: str | None, task_started_at: datetime | None) -> None:
    """Renew a worker's heartbeat, with the task it runs now (None: waiting)."""
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(
        beat_at=timezone.now(), task_id=task_id, task_started_at=task_started_at
    )
    if not updated:  # forgotten meanwhile (a long outage): it is alive, so it says so again
        beat_start(worker_id)
        if task_id is not None:
            WorkerBeat.objects.filter(worker_id=worker_id).update(
                task_id=task_id, task_started_at=task_started_at
            )


def beat_stop(worker_id: str) -> None:
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


def live_workers(*, now: datetime | None = None) -> list[WorkerBeat]:
    now = now or timezone.now()
    return list(WorkerBeat.objects.filter(beat_at__gte=now - lost_after()))


def lost_tasks(*, now: datetime | None = None) -> list[DBTaskResult]:
    """RUNNING tasks whose worker has not beaten for WORKER_LOST_AFTER_SECONDS (or left no
    heartbeat at all, started at least that long ago)."""
    now = now or timezone.now()
    since = now - lost_after()
    live = set(WorkerBeat.objects.filter(beat_at__gte=since).values_list("worker_id", flat=True))
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=since
    ).only("id", "worker_ids", "task_path", "args_kwargs", "started_at")
    return [task for task in running if not task.worker_ids or task.worker_ids[-1] not in live]


def recover_lost(*, now: datetime | None = None) -> list[Recovered]:
    """Queue every lost task again, or fail it after TASK_ATTEMPTS runs; each in its own
    transaction, taken under the row's lock so that two workers never both recover it."""
    now = now or timezone.now()
    recovered = []
    for candidate in lost_tasks(now=now):
        with exclusive_transaction(DBTaskResult.objects.db):
            task = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=candidate.pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if task is None or task.worker_ids != candidate.worker_ids:
                continue  # recovered or finished meanwhile
            attempts = len(task.worker_ids)
            requeued = attempts < settings.TASK_ATTEMPTS
            if requeued:
                task.status, task.started_at = TaskResultStatus.READY, None
                task.save(update_fields=["status", "started_at"])
            else:
                task.set_failed(
                    LostTaskError(
                        f"The worker stopped while it ran this task, {attempts} time(s): "
                        "not tried again."
                    )
                )
            task_lost.send(
                DBTaskResult,
                task_result=task,
                requeued=requeued,
                attempts=attempts,
                reason=LOST,
            )
        logger.warning(
            "Task %s (%s) lost by worker %s: %s",
            task.pk,
            task.task_path,
            task.worker_ids[-1] if task.worker_ids else "?",
            "queued again" if requeued else f"failed after {attempts} attempts",
        )
        recovered.append(Recovered(str(task.pk), task.task_path, requeued, attempts))
    WorkerBeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()
    return recovered


def fail_running(task_id: str, error: Exception) -> None:
    """Mark a running task failed from outside it (its worker is about to stop it)."""
    with transaction.atomic():
        task = DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING).first()
        if task is not None:
            task.set_failed(error)
            task_lost.send(
                DBTaskResult,
                task_result=task,
                requeued=False,
                attempts=len(task.worker_ids),
                reason=TIME_LIMIT,
            )


def recover_lost_daily(day: date) -> str:
    """`manage.py daily`'s part: tasks of a worker that stopped, recovered."""
    recovered = recover_lost()
    again = sum(1 for r in recovered if r.requeued)
    return (
        f"{again} task(s) of a stopped worker queued again, "
        f"{len(recovered) - again} failed after their last attempt"
    )
