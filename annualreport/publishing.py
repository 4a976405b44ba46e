"""The annual report keeps itself current: once every report of a year is approved, the
worker builds its PDF in each of the site's languages, and builds it again whenever what
the report shows changes. Nobody presses a button; the team's own builds (the round's page
in the admin) stay possible.

What the report shows is summed up as its *source*: a digest of the document rendered
with a fixed build date, so two builds from the same content have the same source. An edit
to anything the report reads (the apps in SOURCE_APPS) asks for a check a little later
(ANNUAL_REPORT_CHECK_DELAY_SECONDS, so that a burst of edits gives one check); the check
compares each complete year's source with that of its newest PDF, and asks for a new PDF
where they differ. `manage.py daily` runs the same check, for what no signal tells
(QuerySet.update(), a restore)."""

import threading
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.utils import timezone, translation

from core import logs
from followup import selectors
from jobs.models import Job
from jobs.services import job_request

from . import document

#: The apps whose content the annual report shows: a save or delete in any of them asks
#: for a check.
SOURCE_APPS = frozenset({"followup", "initiatives", "keyfigures", "programme", "ambassadors"})
#: The callback with which this thread's transaction asks for a check.
_asked = threading.local()
#: Set while a check is waiting, so that a burst of edits asks for one.
CHECK_WAITING_KEY = "annualreport:check-waiting"


def source(year: int, language: str) -> str:
    """The digest of what the year's report shows now, in ``language``."""
    with translation.override(language):
        return document.source_of(document.annual_report(year))


def source_built(job: Job) -> str | None:
    """The source of what ``job`` built, or was asked to build while it waits or runs."""
    return job.result.get("source") or job.parameters.get("source")


def _latest_build(year: int, language: str) -> Job | None:
    """The newest PDF of the year in ``language`` that is built or being built."""
    from .export_job import EXPORT

    return (
        Job.objects.filter(
            kind=EXPORT, format="pdf", round__year=year, parameters__language=language
        )
        .exclude(state=Job.State.FAILED)
        .order_by("-requested_at", "-pk")
        .first()
    )


@transaction.atomic
def refresh(year: int) -> list[Job]:
    """Ask for a PDF of ``year``'s report in every language whose newest PDF (built or
    being built) is of other content than the report shows now; nothing for a year that is
    not complete. Returns the jobs asked for."""
    round_ = selectors.complete_rounds().filter(year=year).first()
    if round_ is None:
        return []
    asked = []
    for language, _name in settings.LANGUAGES:
        current = source(year, language)
        latest = _latest_build(year, language)
        if latest is not None and source_built(latest) == current:
            continue
        asked.append(
            job_request(
                kind="export",
                by=None,
                subject=round_,
                format="pdf",
                parameters={"language": language, "source": current, "automatic": True},
            )
        )
    return asked


def refresh_all() -> list[Job]:
    """refresh() for every complete year."""
    cache.delete(CHECK_WAITING_KEY)  # edits from now on ask for another check
    years = selectors.complete_rounds().values_list("year", flat=True)
    return [job for year in years for job in refresh(year)]


def ask_for_check() -> None:
    """Ask the worker to check the reports once the caller's transaction commits, a
    little later, once for a burst of edits."""
    if settings.ANNUAL_REPORT_CHECK_DELAY_SECONDS is None:
        return
    waiting = getattr(_asked, "callback", None)
    connection = transaction.get_connection()
    if waiting is not None and connection.in_atomic_block:
        if any(callback is waiting for _sids, callback, _robust in connection.run_on_commit):
            return  # this transaction already asks

    def callback() -> None:
        _asked.callback = None
        _enqueue_check()

    _asked.callback = callback
    transaction.on_commit(callback)


def _enqueue_check() -> None:
    from .tasks import check_reports

    delay = settings.ANNUAL_REPORT_CHECK_DELAY_SECONDS or 0
    try:
        if not cache.add(CHECK_WAITING_KEY, True, timeout=delay + 300):
            return  # a check is already waiting; it will see this edit
    except Exception:  # noqa: BLE001, S110 - without the cache, check once per edit
        pass
    task = check_reports
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    logs.enqueue(task)


def daily_check(day) -> str:
    """The scheduled work's part (core.schedule): a check now, for what no signal told."""
    from .tasks import check_reports

    if settings.ANNUAL_REPORT_CHECK_DELAY_SECONDS is None:
        return "the annual reports are built only when the team asks"
    logs.enqueue(check_reports)
    return "the annual reports' check handed to the worker"


def content_saved(sender: type[Model], **kwargs) -> None:
    """post_save and post_delete of any model: an edit in SOURCE_APPS asks for a check."""
    if sender._meta.app_label in SOURCE_APPS and not kwargs.get("raw"):
        ask_for_check()
