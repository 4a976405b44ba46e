from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from core.page_cache import cache_public_page, depends_on, tag
from programme.models import Framework, FrameworkTag, ProgrammeNode

from . import selectors
from .forms import CompareForm, SeriesForm
from .models import Indicator, Municipality


@cache_public_page(Indicator, ProgrammeNode)
def indicator_list(request):
    """Every key figure, with its focus areas, and the form that sets two side by side."""
    items = selectors.indicators()
    return render(
        request,
        "keyfigures/indicator_list.html",
        {"indicators": items, "form": CompareForm(indicators=items)},
    )


def _key_figure(request, pk):
    """The key figure's page data and its series form; a bad choice makes the form invalid
    (the page then shows the default series and the errors, with status 400)."""
    item = get_object_or_404(
        Indicator.objects.prefetch_related(
            selectors.FOCUS_AREAS,
            Prefetch("tags", queryset=FrameworkTag.objects.select_related("framework")),
        ),
        pk=pk,
    )
    page = selectors.key_figure(item)
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


@cache_public_page(Municipality, Framework, ProgrammeNode)
def indicator(request, pk):
    """One key figure: its definition, the chosen series as a chart and a table, its
    target and progress, the focus areas it informs."""
    depends_on(request, tag(Indicator, pk))
    page, form, valid = _key_figure(request, pk)
    query = request.GET.urlencode() if valid else ""
    return render(
        request,
        "keyfigures/indicator_detail.html",
        {"page": page, "form": form, "query": query, "has_examples": page.indicator.is_example},
        status=200 if valid else 400,
    )


@cache_public_page(Municipality)
def indicator_csv(request, pk):
    """The key figure page's table, cell for cell, as CSV (UTF-8 with BOM)."""
    depends_on(request, tag(Indicator, pk))
    page, _form, valid = _key_figure(request, pk)
    if not valid:
        return HttpResponse(
            "Unknown municipality or gender.", status=400, content_type="text/plain"
        )
    response = HttpResponse("\ufeff" + page.table.csv(), content_type="text/csv; charset=utf-8")
    name = slugify(page.indicator.kolada_id or page.indicator.name)[:60] or "nyckeltal"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@cache_public_page(Indicator)
def indicator_compare(request):
    """Two key figures on one year axis, each on its own scale, at ?a=…&b=…."""
    items = selectors.indicators()
    bound = "a" in request.GET or "b" in request.GET
    form = CompareForm(request.GET if bound else None, indicators=items)
    compared = None
    if bound and form.is_valid():
        compared = selectors.comparison(form.cleaned_data["a"], form.cleaned_data["b"])
    return render(
        request,
        "keyfigures/indicator_compare.html",
        {"form": form, "compared": compared},
        status=400 if bound and not form.is_valid() else 200,
    )
