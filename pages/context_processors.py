from .models import Page


def navigation(request):
    """The staff-edited pages that appear in the main menu (one query, evaluated lazily)."""
    return {"navigation_pages": Page.objects.in_navigation()}
