from django.shortcuts import render

from core.forms import filter_fields
from core.page_cache import cache_public_page, depends_on
from core.views import unless_published
from programme.models import Programme

from . import selectors
from .forms import InitiativeFilterForm


@cache_public_page("initiatives", "departments", "frameworks", "nodes")
def initiative_list(request):
    """Published initiatives with combinable, bookmarkable filters."""
    programme = Programme.objects.current()
    form = InitiativeFilterForm(request.GET or None, programme=programme)
    status = 200
    if form.is_bound and not form.is_valid():
        # A filter value that does not exist: say so, list nothing.
        page, status = None, 400
    else:
        page = selectors.initiative_page(
            queryset=selectors.filtered(**form.filters()), number=request.GET.get("sida", 1)
        )
    fields = filter_fields(form, programme.pk if programme else None)
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "form": form,
        "fields": fields,
        "page": page,
        "query": query.urlencode(),
        "programme": programme,
    }
    return render(request, "initiatives/initiative_list.html", context, status=status)


@cache_public_page("departments", "frameworks", "nodes")
def initiative_detail(request, pk):
    depends_on(request, f"initiative:{pk}")
    detail = selectors.initiative_detail(pk=pk, viewer=request.user)
    response = render(
        request,
        "initiatives/initiative_detail.html",
        {"detail": detail, "has_examples": detail.initiative.is_example},
    )
    return unless_published(response, detail.initiative)
