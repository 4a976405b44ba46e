from core.sitemaps import PublishedSitemap

from .models import Initiative


class InitiativeSitemap(PublishedSitemap):
    model = Initiative
