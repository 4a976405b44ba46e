from django.utils.functional import SimpleLazyObject

from core.page_cache import depends_on, fragment

from . import identity
from .models import Page


def navigation_pages() -> list[Page]:
    """The staff-edited pages of the main menu, kept as a fragment until a page is edited."""
    return fragment("navigation", [Page], lambda: list(Page.objects.in_navigation()))


def navigation(request):
    """The menu's pages for every template: read when a template uses them."""
    depends_on(request, Page)
    return {"navigation_pages": SimpleLazyObject(navigation_pages)}


def site_identity(request):
    """The site's name, its municipality and logo for every template (pages.identity). A
    stored page needs no tag for it: an edit of the identity replaces every page."""
    current = SimpleLazyObject(identity.current)
    words = SimpleLazyObject(lambda: identity.words(current))  # type: ignore[arg-type]  # once per page, in its language
    return {
        "SITE_IDENTITY": current,
        "SITE_NAME": SimpleLazyObject(lambda: current.site_name_i18n),
        "ORGANISATION_NAME": SimpleLazyObject(lambda: current.organisation_i18n),
        # The organisation's words by name, for {% blocktranslate %} (identity.words).
        **{name: _Word(words, name) for name in WORD_NAMES},
    }


WORD_NAMES = ("org", "orgs", "team", "Org", "Orgs", "Team")


class _Word:
    """One of identity.words(), read when a template first prints one."""

    __slots__ = ("name", "words")

    def __init__(self, words, name: str):
        self.words, self.name = words, name

    def __str__(self) -> str:
        return self.words[self.name]
