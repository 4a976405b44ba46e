from django.conf import settings
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language

from core.throttle import throttled

from . import selectors
from .forms import SearchForm


@throttled("search", limit=lambda: settings.SEARCH_THROTTLE_PER_MINUTE)
def search(request):
    """Search results grouped by kind; never cached (every query is its own page). An
    unknown facet value is a 400 that says so and searches nothing."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "results": selectors.Results(request.GET.get("q", ""))}
        return render(request, "search/results.html", context, status=400)
    results = selectors.search(
        form.cleaned_data["q"], language=get_language() or "sv", filters=form.filters()
    )
    # The address of each facet value and page: the query with one parameter changed.
    chosen = {name: request.GET.get(name, "") for name in ("q", "typ", "program", "fokusomrade")}

    def address(**changes):
        values = {**chosen, **changes}
        return "?" + urlencode({name: value for name, value in values.items() if value})

    context = {
        "form": form,
        "results": results,
        "kind_links": [(facet, address(typ=facet.value, sida="")) for facet in results.kinds],
        "all_kinds": address(typ="", sida=""),
        "programme_links": [
            (facet, address(program=facet.value, fokusomrade="", sida=""))
            for facet in results.programmes
        ],
        "shown": [(group, address(typ=group.kind)) for group in results.shown],
        "previous": address(sida=results.page - 1) if results.page > 1 else "",
        "next": address(sida=results.page + 1) if results.page < results.pages else "",
    }
    return render(request, "search/results.html", context)
