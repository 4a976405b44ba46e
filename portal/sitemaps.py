from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class FixedPagesSitemap(Sitemap):
    """The home page and every public list and report page of the apps."""

    i18n = True
    alternates = True

    def items(self) -> list[str]:
        return [
            "portal:home",
            "programme:programme-list",
            "programme:framework-list",
            "initiatives:list",
            "encyclopedia:list",
            "portal:network",
            "goals:register",
            "portal:white-fields",
            "followup:years",
            "prioritisation:list",
            "opendata:datasets",
            "pages:accessibility",
        ]

    def location(self, item: str) -> str:
        return reverse(item)
