from django.conf import settings
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.text import slugify

from core.page_cache import cache_public_page, depends_on
from programme.models import FrameworkTag

from . import analysis, annual_report, charts, jobs, keyfigures, prioritisation, selectors
from .analysis.method import method as published_method
from .forms import CompareForm, SeriesForm
from .models import Indicator, Job, Score


@cache_public_page("followup")
def year_list(request):
    """The years whose follow-up is published."""
    return render(
        request,
        "followup/year_list.html",
        {"years": selectors.public_years(), "open_rounds": selectors.open_rounds()},
    )


@cache_public_page("keyfigures", "departments", "initiatives", "nodes")
def overview(request, year):
    """The city's overview of a year: departments × focus areas, white fields, key figures."""
    depends_on(request, f"followup:{year}")
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
            "report_public": annual_report.is_complete(year),
            "indicators": indicators,
            "scores": Score,
            "years": selectors.public_years(),
        },
    )


@cache_public_page("departments", "initiatives", "nodes")
def department(request, year, short_name):
    """One department's approved report with its analysis."""
    depends_on(request, f"followup:{year}")
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


@cache_public_page("keyfigures", "nodes")
def indicator_list(request):
    """Every key figure, with its focus areas, and the form that sets two side by side."""
    items = keyfigures.indicators()
    return render(
        request,
        "followup/indicator_list.html",
        {"indicators": items, "form": CompareForm(indicators=items)},
    )


def _key_figure(request, pk):
    """The key figure's page data and its series form; a bad choice makes the form invalid
    (the page then shows the default series and the errors, with status 400)."""
    item = get_object_or_404(
        Indicator.objects.prefetch_related(
            keyfigures.FOCUS_AREAS,
            Prefetch("tags", queryset=FrameworkTag.objects.select_related("framework")),
        ),
        pk=pk,
    )
    page = keyfigures.key_figure(item)
    bound = "kommun" in request.GET or "kon" in request.GET
    form = SeriesForm(
        request.GET if bound else None,
        initial=page.default_choice,
        municipalities=page.municipalities,
        genders=page.genders,
    )
    valid = not bound or form.is_valid()
    choice = form.cleaned_data if bound and valid else page.default_choice
    page.choose(codes=choice["kommun"], genders=choice["kon"])
    return page, form, valid


@cache_public_page("municipalities", "frameworks", "nodes")
def indicator(request, pk):
    """One key figure: its definition, the chosen series as a chart and a table, its
    target and progress, the focus areas it informs."""
    depends_on(request, f"keyfigure:{pk}")
    page, form, valid = _key_figure(request, pk)
    query = request.GET.urlencode() if valid else ""
    return render(
        request,
        "followup/indicator_detail.html",
        {"page": page, "form": form, "query": query, "has_examples": page.indicator.is_example},
        status=200 if valid else 400,
    )


@cache_public_page("municipalities")
def indicator_csv(request, pk):
    """The key figure page's table, cell for cell, as CSV (UTF-8 with BOM)."""
    depends_on(request, f"keyfigure:{pk}")
    page, _form, valid = _key_figure(request, pk)
    if not valid:
        return HttpResponse(
            "Unknown municipality or gender.", status=400, content_type="text/plain"
        )
    response = HttpResponse("\ufeff" + page.table.csv(), content_type="text/csv; charset=utf-8")
    name = slugify(page.indicator.kolada_id or page.indicator.name)[:60] or "nyckeltal"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@cache_public_page("keyfigures")
def indicator_compare(request):
    """Two key figures on one year axis, each on its own scale, at ?a=…&b=…."""
    items = keyfigures.indicators()
    bound = "a" in request.GET or "b" in request.GET
    form = CompareForm(request.GET if bound else None, indicators=items)
    compared = None
    if bound and form.is_valid():
        compared = keyfigures.comparison(form.cleaned_data["a"], form.cleaned_data["b"])
    return render(
        request,
        "followup/indicator_compare.html",
        {"form": form, "compared": compared},
        status=400 if bound and not form.is_valid() else 200,
    )


@cache_public_page("prioritisation", "departments", "nodes")
def prioritisation_list(request):
    """The steering group's published decisions: each budget's decided interventions in
    rank order, with their cost and the date and meeting of each step."""
    budgets = prioritisation.rankings(prioritisation.published_budgets())
    return render(request, "followup/prioritisation.html", {"rankings": budgets})


@cache_public_page()
def method(request):
    """How the follow-up's numbers are computed, with the thresholds the code uses."""
    return render(request, "followup/method.html", {"method": published_method()})


def _report_visible(request, year: int) -> bool:
    """The annual report is public once every report of the year is approved; the team
    sees it before that."""
    return annual_report.is_complete(year) or jobs.can_export(request.user)


@cache_public_page("keyfigures", "departments", "initiatives", "nodes")
def report(request, year):
    """The annual report as a web page, printed by the browser with the report's print
    stylesheet; the PDF is the same document."""
    depends_on(request, f"followup:{year}")
    if not _report_visible(request, year):
        raise Http404
    return render(
        request,
        "followup/annual_report.html",
        {
            "report": annual_report.annual_report(year),
            "pdf": _latest_pdf(year),
            "complete": annual_report.is_complete(year),
        },
    )


def _latest_pdf(year: int):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return (
        Job.objects.filter(
            kind=Job.Kind.EXPORT,
            format="pdf",
            state=Job.State.DONE,
            round__year=year,
            parameters__language=language,
        )
        .exclude(file="")
        .order_by("-finished_at", "-pk")
        .first()
    )


def report_pdf(request, year):
    """The latest PDF the worker built of the year's report, in the page's language."""
    if not _report_visible(request, year):
        raise Http404
    job = _latest_pdf(year)
    if job is None:
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=jobs.download_name(job),
        content_type="application/pdf",
    )
