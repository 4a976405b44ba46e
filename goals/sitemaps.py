from django.contrib.sitemaps import Sitemap

from .models import SteeringDocument


class SteeringDocumentSitemap(Sitemap):
    """Each steering document's page of goal formulations."""

    i18n = True
    alternates = True

    def items(self):
        return SteeringDocument.objects.order_by("pk")
