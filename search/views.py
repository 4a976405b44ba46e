from django.shortcuts import render

from . import selectors


def search(request):
    """Search results; never cached (every query is its own page) and never an error."""
    results = selectors.search(request.GET.get("q", ""))
    return render(request, "search/results.html", {"results": results})
