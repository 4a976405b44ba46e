"""The worker's side of the annual report (`manage.py worker`)."""

from django.tasks import task

from core.logs import traced

from . import publishing


@task
@traced
def check_reports() -> int:
    """Ask for a new PDF of every complete year whose report changed; the number asked."""
    return len(publishing.refresh_all())
