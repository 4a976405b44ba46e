from django.utils.functional import SimpleLazyObject

from .models import Programme


def current_programme(request):
    """The current programme for the main menu; queried only if a template uses it."""
    return {"current_programme": SimpleLazyObject(lambda: Programme.objects.public().current())}
