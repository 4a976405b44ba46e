from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    """Departments, ambassadors and their initiatives (the ambassador-network issue)."""

    name = "ambassadors"
    verbose_name = _("Ambassador network")
