from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """Site name and the links of the language switch (the same page in each language)."""
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
        "SITE_NAME": settings.SITE_NAME,
        "ORGANISATION_NAME": settings.ORGANISATION_NAME,
        "language_links": languages,
    }
