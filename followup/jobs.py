"""Long jobs asked for in the admin and done by the worker (followup.tasks.run_job): the
annual export of a round's year, and the fetch of key-figure values from Kolada."""

import tempfile
from collections.abc import Callable
from dataclasses import asdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import logs, review
from core.importing import ImportRejectedError
from core.review import User

from . import export, kolada, services
from .models import FollowupRound, Indicator, Job, Municipality

EXPORT_PERMISSION = "followup.view_followupround"
IMPORT_PERMISSION = "followup.import_indicatorvalue"
KOLADA_PERMISSIONS = (IMPORT_PERMISSION,)
FIRST_YEAR, LAST_YEAR = 1990, 2100


def can_export(user: User) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(EXPORT_PERMISSION))


def can_fetch(user: User) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perms(KOLADA_PERMISSIONS))


def _enqueue(job: Job) -> Job:
    from .tasks import run_job

    transaction.on_commit(lambda: logs.enqueue(run_job, job.pk))
    return job


@transaction.atomic
def request_export(
    *, round_: FollowupRound, fmt: str, by: User, language: str | None = None
) -> Job:
    """The export (xlsx, csv, json) or the annual report (pdf) of the round's year, in
    ``language`` (default: the city's)."""
    if not can_export(by):
        raise PermissionDenied(_("Only the quality-of-life team exports the follow-up."))
    if fmt not in export.FORMATS:
        raise ValidationError(_("Unknown format: %(format)s") % {"format": fmt})
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language: %(language)s") % {"language": language})
    job = Job.objects.create(
        kind=Job.Kind.EXPORT,
        round=round_,
        format=fmt,
        parameters={"language": language},
        requested_by=review.account(by),
    )
    return _enqueue(job)


@transaction.atomic
def request_kolada(*, first: int, last: int, kpis: list[str], by: User) -> Job:
    if not can_fetch(by):
        raise PermissionDenied(_("Only the quality-of-life team fetches key figures."))
    if not FIRST_YEAR <= first <= last <= LAST_YEAR:
        raise ValidationError(
            _("Give the years as a range from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    job = Job.objects.create(
        kind=Job.Kind.KOLADA,
        parameters={"years": [first, last], "kpis": kpis},
        requested_by=review.account(by),
    )
    return _enqueue(job)


def _progress(job: Job, done: int, total: int, step: str) -> None:
    Job.objects.filter(pk=job.pk).update(progress=round(100 * done / max(total, 1)), step=step)


def run(job_id: int, *, on_page: Callable[[int, int | None], None] | None = None) -> str:
    """Carry out a job, recording its progress and its outcome. A job already started
    (by another worker) is left alone."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "nothing to do"
    job = Job.objects.select_related("round").get(pk=job_id)
    try:
        # The city's documents are in Swedish unless the team asked for another language.
        with translation.override(job.parameters.get("language", settings.LANGUAGE_CODE)):
            if job.kind == Job.Kind.EXPORT:
                _export(job)
            else:
                _fetch(job, on_page)
    except Exception as error:
        job.state, job.error = Job.State.FAILED, _describe(error)
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "error", "finished_at"])
        return "failed"
    job.state, job.progress, job.finished_at = Job.State.DONE, 100, timezone.now()
    job.save(update_fields=["state", "progress", "finished_at", "file", "result", "step"])
    return "done"


def _describe(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, ImportRejectedError):
        return _("Nothing was imported:") + "\n" + "\n".join(error.errors)
    if isinstance(error, kolada.KoladaError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _export(job: Job) -> None:
    year = _round(job).year
    with tempfile.TemporaryFile() as handle:
        export.write(
            job.format,
            year,
            handle,
            progress=lambda done, total, name: _progress(job, done, total, name),
        )
        handle.seek(0)
        name = f"uppfoljning-{year}-{job.pk}.{export.FILE_SUFFIX[job.format]}"
        if job.format == "pdf":
            job.result = {"bytes": handle.seek(0, 2), "language": job.parameters.get("language")}
            handle.seek(0)
        job.file.save(name, File(handle), save=False)
    job.step = ""


def _fetch(job: Job, on_page: Callable[[int, int | None], None] | None = None) -> None:
    first, last = job.parameters["years"]
    kpis = job.parameters.get("kpis") or [
        kolada_id
        for kolada_id in Indicator.objects.values_list("kolada_id", flat=True)
        if kolada_id
    ]
    municipalities = list(Municipality.objects.values_list("code", flat=True))
    if not kpis or not municipalities:
        raise ValidationError(_("Add key figures with a Kolada id and municipalities first."))
    _progress(job, 0, 2, _("Fetching from Kolada"))

    def pages(read: int, values: int | None) -> None:
        step = _("Fetching from Kolada: page %(page)s") % {"page": read}
        _progress(job, 0, 2, step)
        if on_page:
            on_page(read, values)

    document = kolada.fetch(kpis, municipalities, list(range(first, last + 1)), progress=pages)
    _progress(job, 1, 2, _("Importing the values"))
    with transaction.atomic():
        report = services.indicator_values_import(rows=kolada.parse_kolada_json(document))
        transaction.set_rollback(bool(job.parameters.get("dry_run")))
    job.result, job.step = asdict(report), ""


def _round(job: Job) -> FollowupRound:
    if job.round is None:
        raise ValidationError(_("An export needs its round."))
    return job.round


def download_name(job: Job) -> str:
    language = job.parameters.get("language", settings.LANGUAGE_CODE)
    stem = f"uppfoljning-{_round(job).year}"
    if language != settings.LANGUAGE_CODE:
        stem += f"-{language}"
    return f"{stem}.{export.FILE_SUFFIX[job.format]}"


def content_type(job: Job) -> str:
    return export.CONTENT_TYPES[job.format]
