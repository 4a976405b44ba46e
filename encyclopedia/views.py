from django.shortcuts import render

from ambassadors.models import Department
from core.forms import filter_fields, filtered_results
from core.page_cache import cache_public_page, depends_on, tag
from core.views import unless_published
from programme.models import Framework, Programme, ProgrammeNode

from . import selectors
from .forms import EntryFilterForm
from .models import Entry

# What the list shows: the entries, their departments and nodes, the filters' frameworks.
LIST_SHOWS = (Entry, Department, Framework, ProgrammeNode)


@cache_public_page(*LIST_SHOWS)
def entry_list(request):
    """Published entries with combinable, bookmarkable filters; a filter value that does
    not exist is a 400 that says so and lists nothing."""
    programme = Programme.objects.current()
    form = EntryFilterForm(request.GET or None, programme=programme)
    results = filtered_results(
        request,
        form,
        template="encyclopedia/_results.html",
        shows=LIST_SHOWS,
        page_of=lambda filters, number: selectors.entry_page(
            queryset=selectors.filtered(**filters), number=number
        ),
    )
    context = {
        "form": form,
        "fields": filter_fields(form, programme.pk if programme else None),
        "results": results,
    }
    status = 400 if results is None else 200
    return render(request, "encyclopedia/entry_list.html", context, status=status)


@cache_public_page(Department, Framework, ProgrammeNode)
def entry_detail(request, pk):
    depends_on(request, tag(Entry, pk))
    detail = selectors.entry_detail(pk=pk, viewer=request.user)
    response = render(
        request,
        "encyclopedia/entry_detail.html",
        {"detail": detail, "has_examples": detail.entry.is_example},
    )
    return unless_published(response, detail.entry)
