from django.http import Http404
from django.shortcuts import render

from core.page_cache import cache_public_page

from . import analysis, charts, selectors
from .models import Score


@cache_public_page
def year_list(request):
    """The years whose follow-up is published."""
    return render(request, "followup/year_list.html", {"years": selectors.public_years()})


@cache_public_page
def overview(request, year):
    """The city's overview of a year: departments × focus areas, white fields, key figures."""
    if year not in selectors.public_years():
        raise Http404
    city = analysis.city_overview(year=year)
    indicators = [
        {
            "area": area,
            "trends": [(t, charts.line_chart(t.points)) for t in city.indicators[area.pk]],
        }
        for area in city.focus_areas
        if area.pk in city.indicators
    ]
    return render(
        request,
        "followup/overview.html",
        {
            "city": city,
            "indicators": indicators,
            "scores": Score,
            "years": selectors.public_years(),
        },
    )


@cache_public_page
def department(request, year, short_name):
    """One department's approved report with its analysis."""
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
            "report": report,
            "chart": chart,
            "scores": Score,
            "has_examples": report.round.is_example,
        },
    )
