"""A job whose worker was lost follows its task (worker.services.recover_lost)."""

from typing import Any

from django.dispatch import receiver
from django_tasks_db.models import DBTaskResult

from worker.signals import task_lost

from . import services


@receiver(task_lost, dispatch_uid="jobs.task_lost")
def job_task_lost(
    sender: Any,
    *,
    task_result: DBTaskResult,
    requeued: bool,
    attempts: int,
    reason: str,
    **kwargs: Any,
) -> None:
    from .tasks import run_job

    if task_result.task_path != run_job.module_path:
        return
    call = task_result.args_kwargs
    job_id = call["kwargs"].get("job_id", call["args"][0] if call["args"] else None)
    if job_id is not None:
        services.job_lost(int(job_id), requeued=requeued, attempts=attempts, reason=reason)
