from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from ambassadors.models import Department
from core.page_cache import cache_public_page, depends_on
from initiatives.models import Initiative
from keyfigures import charts
from keyfigures.models import Indicator
from programme.levels import LevelWords
from programme.models import ProgrammeNode

from . import analysis, selectors
from .analysis.method import method as published_method
from .models import FollowupRound, Score


@cache_public_page(FollowupRound)
def year_list(request):
    """The years whose follow-up is published."""
    return render(
        request,
        "followup/year_list.html",
        {
            "years": selectors.public_years(),
            "open_rounds": selectors.open_rounds(),
            "today": timezone.localdate(),
        },
    )


@cache_public_page(Indicator, Department, Initiative, ProgrammeNode)
def overview(request, year):
    """The city's overview of a year: departments × focus areas, white fields, key figures."""
    depends_on(request, selectors.year_tag(year))
    if year not in selectors.public_years():
        raise Http404
    city = analysis.city_overview(year=year)
    indicators = [
        {
            "area": area,
            "trends": city.indicators[area.pk],
        }
        for area in city.focus_areas
        if area.pk in city.indicators
    ]
    return render(
        request,
        "followup/overview.html",
        {
            "city": city,
            "LEVELS": LevelWords(city.programme),
            "report_public": selectors.is_complete(year),
            "indicators": indicators,
            "scores": Score,
            "years": selectors.public_years(),
        },
    )


@cache_public_page(Department, Initiative, ProgrammeNode)
def department(request, year, short_name):
    """One department's approved report with its analysis."""
    depends_on(request, selectors.year_tag(year))
    report = selectors.approved_report(year=year, short_name=short_name)
    alignment = analysis.department_alignment(report=report)
    chart = charts.bar_chart(
        [(str(row.focus_area.title_i18n), row.score) for row in alignment.rows],
        maximum=Score.LEADING,
    )
    return render(
        request,
        "followup/department.html",
        {
            "alignment": alignment,
            "LEVELS": LevelWords(
                alignment.rows[0].focus_area.programme if alignment.rows else None
            ),
            "report": report,
            "chart": chart,
            "scores": Score,
            "has_examples": report.round.is_example,
        },
    )


@cache_public_page()
def method(request):
    """How the follow-up's numbers are computed, with the thresholds the code uses."""
    return render(request, "followup/method.html", {"method": published_method()})
