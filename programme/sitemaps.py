from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import FrameworkTag, Programme, ProgrammeNode


class ProgrammeSitemap(Sitemap):
    """Every public programme and every node of it."""

    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        return [
            *Programme.objects.public().order_by("pk"),
            *ProgrammeNode.objects.filter(programme__in=Programme.objects.public())
            .select_related("programme")
            .order_by("programme_id", "path"),
        ]

    def priority(self, item):
        return 0.8 if isinstance(item, Programme) or item.depth < 3 else 0.6


class FixedPagesSitemap(Sitemap):
    """The home page, the lists and the frameworks."""

    i18n = True
    alternates = True

    def items(self):
        return [
            "portal:home",
            "programme:programme-list",
            "programme:framework-list",
            "initiatives:list",
            "portal:network",
            "followup:years",
            "pages:accessibility",
        ]

    def location(self, item):
        return reverse(item)


class FrameworkTagSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return FrameworkTag.objects.order_by("framework_id", "number", "pk")
