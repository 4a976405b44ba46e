from django.shortcuts import render

from core.forms import filter_fields
from core.page_cache import cache_public_page, depends_on
from core.views import unless_published
from programme.models import Programme

from . import selectors
from .forms import EntryFilterForm


@cache_public_page("entries", "departments", "frameworks", "nodes")
def entry_list(request):
    """Published entries with combinable, bookmarkable filters."""
    programme = Programme.objects.current()
    form = EntryFilterForm(request.GET or None, programme=programme)
    status = 200
    if form.is_bound and not form.is_valid():
        page, status = None, 400  # a filter value that does not exist: say so, list nothing
    else:
        page = selectors.entry_page(
            queryset=selectors.filtered(**form.filters()), number=request.GET.get("sida", 1)
        )
    fields = filter_fields(form, programme.pk if programme else None)
    query = request.GET.copy()
    query.pop("sida", None)
    context = {"form": form, "fields": fields, "page": page, "query": query.urlencode()}
    return render(request, "encyclopedia/entry_list.html", context, status=status)


@cache_public_page("departments", "frameworks", "nodes")
def entry_detail(request, pk):
    depends_on(request, f"entry:{pk}")
    detail = selectors.entry_detail(pk=pk, viewer=request.user)
    response = render(
        request,
        "encyclopedia/entry_detail.html",
        {"detail": detail, "has_examples": detail.entry.is_example},
    )
    return unless_published(response, detail.entry)
