from django.contrib.sitemaps import Sitemap

from .models import Initiative


class InitiativeSitemap(Sitemap):
    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        return Initiative.objects.published().order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at
