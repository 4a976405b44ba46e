from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site-wide search over the programme, initiatives and departments."""

    name = "search"
    verbose_name = _("Search")
