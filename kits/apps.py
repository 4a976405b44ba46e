from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KitsConfig(AppConfig):
    """Municipality kits (core.kits): loading one, checking one, starting a new one."""

    name = "kits"
    verbose_name = _("Municipality kits")
