from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Initiatives (insatser) that departments log against the programme's priorities."""

    name = "initiatives"
    verbose_name = _("Initiatives")
