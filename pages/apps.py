from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from core import page_cache

        from .models import AccessibilityStatement, Page, SiteIdentity

        # Staff pages are in every page's menu (pages.context_processors.navigation).
        page_cache.register(Page)
        page_cache.register(AccessibilityStatement)
        # The site's name and municipality are on every page.
        page_cache.register(SiteIdentity, lambda identity: [page_cache.ALL])
