from django.shortcuts import render

from core.page_cache import cache_public_page
from programme.models import ProgrammeNode

from . import selectors
from .models import SteeringDocument


@cache_public_page(SteeringDocument, ProgrammeNode)
def document(request, pk):
    """One steering document's goal formulations and the priorities each supports."""
    page = selectors.document_page(pk=pk)
    return render(
        request,
        "goals/document.html",
        {"page": page, "has_examples": page.document.is_example},
    )


@cache_public_page(SteeringDocument, ProgrammeNode)
def register(request):
    """The steering documents the programme builds on, and how much of each is mapped."""
    documents = list(selectors.documents())
    return render(
        request,
        "goals/register.html",
        {"documents": documents, "has_examples": any(d.is_example for d in documents)},
    )
