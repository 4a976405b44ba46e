from django.utils.functional import SimpleLazyObject

from core.page_cache import depends_on, fragment

from .models import Page


def navigation(request):
    """The staff-edited pages that appear in the main menu: read when a template uses
    them, and kept as a fragment until a page is edited."""
    depends_on(request, "pages")
    return {
        "navigation_pages": SimpleLazyObject(
            lambda: fragment("navigation", ["pages"], lambda: list(Page.objects.in_navigation()))
        )
    }
