"""Reading what jobs built: the newest finished file of a kind, and a finished job's file as
a download (named and typed by its kind)."""

from typing import Any

from django.http import FileResponse, Http404

from . import kinds
from .models import Job


def latest_file(*, kind: str, **lookups: Any) -> Job | None:
    """The newest finished job of ``kind`` matching ``lookups`` (``format``,
    ``parameters__language``, its subject's fields through a GenericRelation) that left a
    file; None when there is none."""
    jobs = Job.objects.filter(kind=kind, state=Job.State.DONE, **lookups).exclude(file="")
    return jobs.order_by("-finished_at", "-pk").first()


def file_response(job: Job) -> FileResponse:
    """The file ``job`` built, as an attachment named and typed by its kind (404 until it
    is done). Who may have it is the caller's check."""
    if job.state != Job.State.DONE or not job.file:
        raise Http404
    kind = kinds.get(job.kind)
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=kind.download_name(job),
        content_type=kind.content_type(job),
    )
