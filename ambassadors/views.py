from django.shortcuts import render

from core.page_cache import cache_public_page

from . import selectors


@cache_public_page
def network(request):
    """The quality-of-life team with its roles, and every department and company with
    whether it has an ambassador."""
    return render(
        request,
        "ambassadors/network.html",
        {"roles": selectors.team_roles(), "kinds": selectors.departments_by_kind()},
    )


@cache_public_page
def department_detail(request, short_name):
    page = selectors.department_page(short_name=short_name)
    return render(
        request,
        "ambassadors/department_detail.html",
        {"page": page, "has_examples": page.has_examples},
    )
