from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Initiatives (insatser) that departments log against the programme's priorities."""

    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from core import page_cache

        from .models import Initiative, InitiativeLink

        page_cache.register(
            Initiative, lambda initiative: ("initiatives", f"initiative:{initiative.pk}")
        )
        page_cache.register(InitiativeLink, lambda link: (f"initiative:{link.initiative_id}",))
