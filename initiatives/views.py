from django.shortcuts import render

from ambassadors.models import Department
from core.forms import filter_fields, filtered_results
from core.page_cache import cache_public_page, depends_on, tag
from core.views import unless_published
from programme.models import Framework, Programme, ProgrammeNode

from . import selectors
from .forms import InitiativeFilterForm
from .models import Initiative

# What the list shows: the initiatives, their departments and priorities, the filters' frameworks.
LIST_SHOWS = (Initiative, Department, Framework, ProgrammeNode)


@cache_public_page(*LIST_SHOWS)
def initiative_list(request):
    """Published initiatives with combinable, bookmarkable filters. A filter value that
    does not exist is a 400 that says so and lists nothing."""
    programme = Programme.objects.current()
    form = InitiativeFilterForm(request.GET or None, programme=programme)
    results = filtered_results(
        request,
        form,
        template="initiatives/_results.html",
        shows=LIST_SHOWS,
        page_of=lambda filters, number: selectors.initiative_page(
            queryset=selectors.filtered(**filters), number=number
        ),
    )
    context = {
        "form": form,
        "fields": filter_fields(form, programme.pk if programme else None),
        "results": results,
        "programme": programme,
    }
    status = 400 if results is None else 200
    return render(request, "initiatives/initiative_list.html", context, status=status)


@cache_public_page(Department, Framework, ProgrammeNode)
def initiative_detail(request, pk):
    depends_on(request, tag(Initiative, pk))
    detail = selectors.initiative_detail(pk=pk, viewer=request.user)
    response = render(
        request,
        "initiatives/initiative_detail.html",
        {"detail": detail, "has_examples": detail.initiative.is_example},
    )
    return unless_published(response, detail.initiative)
