from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import AccessibilityStatement, Page


def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "pages/page_detail.html", {"page": page})


def accessibility_statement(request):
    statement = AccessibilityStatement.objects.first()
    if statement is None:
        raise Http404
    return render(request, "pages/accessibility_statement.html", {"statement": statement})
