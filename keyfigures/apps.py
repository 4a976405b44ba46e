from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class KeyFiguresConfig(AppConfig):
    """Key figures (nyckeltal): indicators, their values per municipality, Kolada."""

    name = "keyfigures"
    verbose_name = _("Key figures")

    def ready(self):
        from . import fetch_job, models

        fetch_job.register()
        # A key figure is shown with its values, named by their municipalities.
        page_cache.register(models.Indicator)
        page_cache.register(
            models.IndicatorValue,
            lambda value: [models.Indicator, page_cache.tag(models.Indicator, value.indicator_id)],
        )
        page_cache.register(models.Municipality, lambda place: [models.Indicator])
