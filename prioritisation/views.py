from django.shortcuts import render

from ambassadors.models import Department
from core.page_cache import cache_public_page
from programme.models import ProgrammeNode

from . import selectors
from .models import Budget


@cache_public_page(Budget, Department, ProgrammeNode)
def published(request):
    """The steering group's published decisions: each budget's decided interventions in
    rank order, with their cost and the date and meeting of each step."""
    budgets = selectors.rankings(selectors.published_budgets())
    return render(request, "prioritisation/prioritisation.html", {"rankings": budgets})
