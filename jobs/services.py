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

from . import kinds
from .models import Job


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
        return "failed"
    job.state, job.progress, job.finished_at, job.step = Job.State.DONE, 100, timezone.now(), ""
    job.save(update_fields=["state", "progress", "finished_at", "file", "result", "step"])
    return "done"


def _describe(error: Exception, kind: kinds.JobKind) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, ImportRejectedError):
        return _("Nothing was imported:") + "\n" + "\n".join(error.errors)
    if isinstance(error, kind.plain_errors):
        return str(error)
    return f"{type(error).__name__}: {error}"
