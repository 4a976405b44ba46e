from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Indicator


class KeyFigureSitemap(Sitemap):
    """The list of key figures and every key figure's page."""

    i18n = True
    alternates = True

    def items(self):
        return [None, *Indicator.objects.order_by("pk").values_list("pk", flat=True)]

    def location(self, item):
        if item is None:
            return reverse("keyfigures:list")
        return reverse("keyfigures:indicator", args=[item])
