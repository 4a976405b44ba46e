"""The annual report's public pages: the report as a web page once every report of the
year is approved (the team sees it before), and the latest PDF the worker built of it."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import translation

from ambassadors.models import Department
from core.page_cache import cache_public_page, depends_on
from followup import selectors
from initiatives.models import Initiative
from jobs import selectors as jobs
from jobs.models import Job
from keyfigures.models import Indicator
from programme.levels import LevelWords
from programme.models import ProgrammeNode

from . import document, export_job


def _report_visible(request, year: int) -> bool:
    """The annual report is public once every report of the year is approved; the team
    sees it before that."""
    return selectors.is_complete(year) or export_job.can_export(request.user)


@cache_public_page(Indicator, Department, Initiative, ProgrammeNode)
def report(request, year):
    """The annual report as a web page, printed by the browser with the report's print
    stylesheet; the PDF is the same document."""
    depends_on(request, selectors.year_tag(year))
    if not _report_visible(request, year):
        raise Http404
    report = document.annual_report(year)
    return render(
        request,
        "annualreport/annual_report.html",
        {
            "report": report,
            "LEVELS": LevelWords(report.city.programme),
            "pdf": _latest_pdf(year),
            "pdf_building": _pdf_building(year),
            "complete": selectors.is_complete(year),
        },
    )


def _latest_pdf(year: int):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return jobs.latest_file(
        kind=export_job.EXPORT, format="pdf", round__year=year, parameters__language=language
    )


def _pdf_building(year: int) -> bool:
    """Whether the worker is building (or about to build) a PDF in the page's language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return Job.objects.filter(
        kind=export_job.EXPORT,
        format="pdf",
        round__year=year,
        parameters__language=language,
        state__in=[Job.State.QUEUED, Job.State.RUNNING],
    ).exists()


def report_pdf(request, year):
    """The latest PDF the worker built of the year's report, in the page's language."""
    if not _report_visible(request, year):
        raise Http404
    job = _latest_pdf(year)
    if job is None:
        raise Http404
    return jobs.file_response(job)
