from django.utils.functional import SimpleLazyObject

from core.page_cache import depends_on

from .models import Programme


def current_programme(request):
    """The current programme for the main menu; queried only if a template uses it."""
    depends_on(request, "programmes")
    return {"current_programme": SimpleLazyObject(lambda: Programme.objects.public().current())}
