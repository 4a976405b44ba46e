from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """The links of the language switch (the same page in each language), and the page's
    own address and those of its translations in full, on SITE_URL (the canonical link,
    hreflang, og:url: never from the request's Host). The site's name comes from
    pages.context_processors.site_identity."""
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(request.get_full_path(), code)
        languages.append(
            {
                "code": code,
                "url": url,
                "absolute_url": settings.SITE_URL + url,
                "is_current": code == current,
            }
        )
    return {
        "language_links": languages,
        "default_language_url": next(
            (link["absolute_url"] for link in languages if link["code"] == settings.LANGUAGE_CODE),
            "",
        ),
        "canonical_url": settings.SITE_URL + request.path,
    }
