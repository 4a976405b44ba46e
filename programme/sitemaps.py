from django.contrib.sitemaps import Sitemap

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
        return 0.8 if isinstance(item, Programme) or not item.at_leaf_level else 0.6


class FrameworkTagSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return FrameworkTag.objects.order_by("framework_id", "number", "pk")
