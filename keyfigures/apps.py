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
        page_cache.register(models.Municipality, lambda place: ("keyfigures", "municipalities"))
        page_cache.register(
            models.Indicator, lambda indicator: ("keyfigures", f"keyfigure:{indicator.pk}")
        )
        page_cache.register(
            models.IndicatorValue,
            lambda value: ("keyfigures", f"keyfigure:{value.indicator_id}"),
        )
