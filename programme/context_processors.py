from django.utils.functional import SimpleLazyObject

from core.page_cache import depends_on

from .levels import LevelWords
from .models import Programme
from .selectors import cached_current as _current


def current_programme(request):
    """The current programme for the main menu, and what it calls its levels
    (programme.levels): queried only if a template uses them, and kept as a fragment until
    a programme is edited. A view whose page is about another programme (a followed-up
    year's) gives its own LEVELS."""
    depends_on(request, Programme)
    read: dict[str, Programme | None] = {}

    def current() -> Programme | None:
        if "programme" not in read:  # one read for both
            read["programme"] = _current()
        return read["programme"]

    return {
        "current_programme": SimpleLazyObject(current),
        "LEVELS": SimpleLazyObject(lambda: LevelWords(current())),
    }
