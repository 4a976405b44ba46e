from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    """Departments and companies, their ambassadors, and the quality-of-life team."""

    name = "ambassadors"
    verbose_name = _("Ambassador network")
