from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages that combine several apps: the home page, a focus area's or priority's
    wiki page, the network and a department's page, the white fields; and loading the
    site's real content (the programme and its pages)."""

    name = "portal"
    verbose_name = _("Portal")
