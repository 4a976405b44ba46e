from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Initiatives (insatser) that departments log against the programme's priorities."""

    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from core import page_cache, review

        from . import services
        from .models import Initiative, InitiativeLink

        review.register(services.moderated)

        page_cache.register(Initiative)
        page_cache.register(
            InitiativeLink, lambda link: [page_cache.tag(Initiative, link.initiative_id)]
        )
