from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """The links of the language switch (the same page in each language). The site's name
    comes from pages.context_processors.site_identity."""
    current = get_language()
    languages = [
        {
            "code": code,
            "url": translate_url(request.get_full_path(), code),
            "is_current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "language_links": languages,
    }
