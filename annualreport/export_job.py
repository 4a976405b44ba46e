"""The follow-up's job (jobs.kinds): the annual export of a round's year (xlsx, csv, json)
and the annual report (pdf), built by the worker and downloaded by the team."""

import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.review import User
from followup.models import FollowupRound
from jobs import kinds
from jobs.models import Job
from jobs.services import job_request

from . import document, export

EXPORT = "export"
EXPORT_PERMISSION = "followup.view_followupround"


def can_export(user: User) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(EXPORT_PERMISSION))


@transaction.atomic
def request_export(
    *, round_: FollowupRound, fmt: str, by: User, language: str | None = None
) -> Job:
    """The export (xlsx, csv, json) or the annual report (pdf) of the round's year, in
    ``language`` (default: the city's)."""
    if not can_export(by):
        raise PermissionDenied(_("Only the team exports the follow-up."))
    if fmt not in export.FORMATS:
        raise ValidationError(_("Unknown format: %(format)s") % {"format": fmt})
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language: %(language)s") % {"language": language})
    return job_request(
        kind=EXPORT, by=by, subject=round_, format=fmt, parameters={"language": language}
    )


def _round(job: Job) -> FollowupRound:
    round_ = job.subject
    if not isinstance(round_, FollowupRound):
        raise ValidationError(_("An export needs its round."))
    return round_


def run_export(job: Job, *, progress: kinds.Progress) -> None:
    year = _round(job).year
    with tempfile.TemporaryFile() as handle:
        if job.format == "pdf":
            report = document.write_pdf(year, handle, progress)
            job.result = {
                "bytes": handle.tell(),
                "language": job.parameters.get("language"),
                "reports": len(report.alignments),
                "source": document.source_of(report),
            }
        else:
            export.write(job.format, year, handle, progress=progress)
        handle.seek(0)
        name = f"uppfoljning-{year}-{job.pk}.{export.FILE_SUFFIX[job.format]}"
        job.file.save(name, File(handle), save=False)


def download_name(job: Job) -> str:
    language = job.parameters.get("language", settings.LANGUAGE_CODE)
    stem = f"uppfoljning-{_round(job).year}"
    if language != settings.LANGUAGE_CODE:
        stem += f"-{language}"
    return f"{stem}.{export.FILE_SUFFIX[job.format]}"


def _describe(job: Job) -> str:
    round_ = job.subject
    year = f" {round_.year}" if isinstance(round_, FollowupRound) else ""
    return f"{job.get_kind_display()}{year} ({job.format})"


def register() -> None:
    kinds.register(
        kinds.JobKind(
            name=EXPORT,
            label=gettext_lazy("Annual export"),
            run=run_export,
            may_download=can_export,
            download_name=download_name,
            content_type=lambda job: export.CONTENT_TYPES[job.format],
            describe=_describe,
        )
    )
