from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.page_cache import cache_public_page

from .models import AccessibilityStatement, Page


@cache_public_page(Page)
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "pages/page_detail.html", {"page": page})


@cache_public_page(AccessibilityStatement)
def accessibility_statement(request):
    statement = AccessibilityStatement.objects.first()
    if statement is None:
        raise Http404
    return render(request, "pages/accessibility_statement.html", {"statement": statement})
