from django.utils.functional import SimpleLazyObject

from core.page_cache import depends_on, fragment

from .models import Programme


def current_programme(request):
    """The current programme for the main menu: queried only if a template uses it, and
    kept as a fragment until a programme is edited."""
    depends_on(request, Programme)
    return {
        "current_programme": SimpleLazyObject(
            lambda: fragment(
                "current-programme", [Programme], lambda: Programme.objects.public().current()
            )
        )
    }
