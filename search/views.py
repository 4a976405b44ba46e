from django.conf import settings
from django.shortcuts import render

from core.throttle import throttled

from . import selectors


@throttled("search", limit=lambda: settings.SEARCH_THROTTLE_PER_MINUTE)
def search(request):
    """Search results; never cached (every query is its own page) and never an error."""
    results = selectors.search(request.GET.get("q", ""))
    return render(request, "search/results.html", {"results": results})
