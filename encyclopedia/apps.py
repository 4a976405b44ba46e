from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EncyclopediaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "encyclopedia"
    verbose_name = _("The living encyclopedia")

    def ready(self):
        from core import page_cache, review

        from . import services
        from .models import Entry, Source

        review.register(services.moderated)

        page_cache.register(Entry)
        page_cache.register(Source, lambda source: [page_cache.tag(Entry, source.entry_id)])
