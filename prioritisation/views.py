from django.shortcuts import render

from core.page_cache import cache_public_page

from . import selectors


@cache_public_page("prioritisation", "departments", "nodes")
def published(request):
    """The steering group's published decisions: each budget's decided interventions in
    rank order, with their cost and the date and meeting of each step."""
    budgets = selectors.rankings(selectors.published_budgets())
    return render(request, "prioritisation/prioritisation.html", {"rankings": budgets})
