from django.shortcuts import render

from core.page_cache import cache_public_page

from . import selectors


@cache_public_page("goals", "nodes")
def register(request):
    """The steering documents the programme builds on, and how much of each is mapped."""
    documents = list(selectors.documents())
    return render(
        request,
        "goals/register.html",
        {"documents": documents, "has_examples": any(d.is_example for d in documents)},
    )
