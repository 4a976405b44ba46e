"""The jobs' writes: asking for one (queued for the worker once the transaction commits),
carrying one out with its progress, and recording its outcome."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import logs, review
from core.importing import ImportRejectedError
from core.review import User
from worker import services as worker

from . import kinds
from .models import Job
from .signals import job_failed


def job_request(
    *,
    kind: str,
    by: User | None,
    subject: models.Model | None = None,
    format: str = "",  # noqa: A002 - the model's field
    parameters: dict[str, Any] | None = None,
) -> Job:
    """A new job of ``kind``, handed to the worker when the caller's transaction commits."""
    from .tasks import run_job

    kinds.get(kind)  # an unknown kind is the caller's mistake, not the worker's
    job = Job(kind=kind, format=format, parameters=parameters or {})
    if subject is not None:
        job.subject = subject
    if by is not None:
        job.requested_by = review.account(by)
    job.save()
    transaction.on_commit(lambda: logs.enqueue(run_job, job.pk))
    return job


def job_progress(*, job: Job, done: int, total: int, step: str) -> None:
    Job.objects.filter(pk=job.pk).update(progress=round(100 * done / max(total, 1)), step=step)


def job_run(job_id: int, **options: Any) -> str:
    """Carry out a job, recording its progress and its outcome. A job already started (by
    another worker) is left alone. ``options`` go to the kind's runner (a command's
    progress display, say)."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "nothing to do"
    job = Job.objects.get(pk=job_id)
    kind = kinds.get(job.kind)

    def progress(done: int, total: int, step: str) -> None:
        job_progress(job=job, done=done, total=total, step=step)

    try:
        # The city's documents are in its language unless the team asked for another.
        with translation.override(job.parameters.get("language", settings.LANGUAGE_CODE)):
            kind.run(job, progress=progress, **options)
    except Exception as error:
        job.state, job.error = Job.State.FAILED, _describe(error, kind)
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "error", "finished_at"])
        job_failed.send(Job, job=job)
        return "failed"
    job.state, job.progress, job.finished_at, job.step = Job.State.DONE, 100, timezone.now(), ""
    job.save(update_fields=["state", "progress", "finished_at", "file", "result", "step"])
    return "done"


def job_lost(job_id: int, *, requeued: bool, attempts: int, reason: str) -> None:
    """The worker running the job stopped (worker.signals.task_lost): the job waits for the
    next worker again, or, after the task's last attempt or at its time limit, fails and
    its requester is told."""
    unfinished = Job.objects.exclude(state__in=[Job.State.DONE, Job.State.FAILED])
    job = unfinished.filter(pk=job_id).first()
    if job is None:
        return
    with translation.override(job.parameters.get("language", settings.LANGUAGE_CODE)):
        if requeued:
            step = _("Started again: the worker stopped while it ran this (attempt %(n)s)")
            job.state, job.progress, job.started_at = Job.State.QUEUED, 0, None
            job.step = step % {"n": attempts + 1}
            job.save(update_fields=["state", "progress", "started_at", "step"])
            return
        if reason == worker.TIME_LIMIT:
            job.error = _time_limit_message()
        else:
            job.error = _(
                "The worker stopped while it ran this job, %(attempts)s times; it was not "
                "tried again. Ask for it again; if it stops again, tell the portal's operators."
            ) % {"attempts": attempts}
    job.state, job.finished_at = Job.State.FAILED, timezone.now()
    job.save(update_fields=["state", "error", "finished_at"])
    job_failed.send(Job, job=job)


def _time_limit_message() -> str:
    return _(
        "The job took longer than its time limit (%(minutes)s minutes) and was stopped. "
        "Ask for it again; if it stops again, tell the portal's operators."
    ) % {"minutes": round(settings.TASK_TIME_LIMIT_SECONDS / 60)}


def _describe(error: Exception, kind: kinds.JobKind) -> str:
    if isinstance(error, worker.TimeLimitExceededError):
        return _time_limit_message()
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, ImportRejectedError):
        return _("Nothing was imported:") + "\n" + "\n".join(error.errors)
    if isinstance(error, kind.plain_errors):
        return str(error)
    return f"{type(error).__name__}: {error}"
