from django.contrib.sitemaps import Sitemap

from .models import Page


class PageSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return Page.objects.published().order_by("position", "pk")

    def lastmod(self, item):
        return item.updated_at
