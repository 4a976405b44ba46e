from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EncyclopediaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "encyclopedia"
    verbose_name = _("The living encyclopedia")
