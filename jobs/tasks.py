"""The worker's side of the jobs (`manage.py worker`)."""

from django.tasks import task

from core.logs import traced

from . import services


@task
@traced
def run_job(job_id: int) -> str:
    """A job that someone asked for: an export, a PDF, a fetch."""
    return services.job_run(job_id)
