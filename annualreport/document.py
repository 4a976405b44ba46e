"""The annual report as a document: the city's heat map, each department's table and
areas to work more on, the key figures with their charts and status, the priorities
without initiatives and the method, in one HTML document that the browser prints with
the print stylesheet and WeasyPrint turns into a tagged PDF (PDF/UA-1: title, language,
structure, and an outline from the headings). Built by the worker (annualreport.export_job), never
in a request. Public once every report of the year's round is approved."""

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from django.template.loader import render_to_string
from django.utils import timezone

from core import pdf
from followup import analysis, selectors
from followup.analysis.method import Method, method
from followup.models import Score
from keyfigures import selectors as keyfigures
from keyfigures import trends
from keyfigures.charts import SeriesChart
from pages import identity
from programme.levels import LevelWords

STYLESHEET = "css/report.css"


@dataclass
class AnnualReport:
    year: int
    city: analysis.CityOverview
    alignments: list[analysis.DepartmentAlignment]
    key_figures: list[tuple[trends.IndicatorTrend, SeriesChart | None, str]]
    method: Method
    generated: datetime
    scores: type[Score] = Score  # the scale's key reads its choices


#: The build date a report's source is rendered with: the source changes with the content.
_SOURCE_DATE = datetime(2000, 1, 1, tzinfo=UTC)


def annual_report(year: int) -> AnnualReport:
    """The report's content; a fixed number of queries whatever the number of
    departments and key figures."""
    city = analysis.city_overview(year=year)
    alignments = selectors.year_alignments(year, analysis.year_data(year=year))
    key_figures = [
        (item, keyfigures.trend_chart(item), f"report-chart-{item.indicator.pk}")
        for item in trends.each_once(city.indicators)
    ]
    return AnnualReport(year, city, alignments, key_figures, method(), timezone.now())


def render_html(report: AnnualReport) -> str:
    """The report as a standalone HTML document (for WeasyPrint)."""
    context = {
        "report": report,
        "LEVELS": LevelWords(report.city.programme),
        "SITE_NAME": identity.current().site_name_i18n,
        "ORGANISATION_NAME": identity.current().organisation_i18n,
        **identity.words(),
    }
    return render_to_string("annualreport/annual_report_document.html", context)


def source_of(report: AnnualReport) -> str:
    """A digest of what ``report`` shows in the active language, whenever it was built:
    two reports of the same content have the same source (annualreport.publishing)."""
    html = render_html(replace(report, generated=_SOURCE_DATE))
    return hashlib.sha256(html.encode()).hexdigest()


def write_pdf(year: int, handle, progress=None) -> AnnualReport:
    """Write the year's report as a tagged PDF to ``handle`` (in the active language);
    the report it was built from."""
    step = progress or (lambda done, total, name: None)
    step(0, 2, "HTML")
    report = annual_report(year)
    step(1, 2, "PDF")
    pdf.write_pdf(render_html(report), handle, stylesheet=STYLESHEET)
    step(2, 2, "PDF")
    return report
