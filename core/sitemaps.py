from django.contrib.sitemaps import Sitemap
from django.db.models import Model


class PublishedSitemap(Sitemap):
    """The published objects of a moderated ``model`` (core.review), in both languages."""

    model: type[Model]
    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        return (
            self.model._default_manager.published()  # type: ignore[attr-defined]
            .order_by("pk")
            .only("pk", "updated_at")
        )

    def lastmod(self, item):
        return item.updated_at
