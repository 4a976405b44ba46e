from django.utils.functional import SimpleLazyObject

from core.page_cache import depends_on, fragment

from .models import Page


def navigation_pages() -> list[Page]:
    """The staff-edited pages of the main menu, kept as a fragment until a page is edited."""
    return fragment("navigation", ["pages"], lambda: list(Page.objects.in_navigation()))


def navigation(request):
    """The menu's pages for every template: read when a template uses them."""
    depends_on(request, "pages")
    return {"navigation_pages": SimpleLazyObject(navigation_pages)}
