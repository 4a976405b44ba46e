from core.page_cache import depends_on

from .models import Page


def navigation(request):
    """The staff-edited pages that appear in the main menu (one query, evaluated lazily)."""
    depends_on(request, "pages")
    return {"navigation_pages": Page.objects.in_navigation()}
