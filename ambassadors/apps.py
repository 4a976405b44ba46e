from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    """Departments and companies, their ambassadors, and the quality-of-life team."""

    name = "ambassadors"
    verbose_name = _("Ambassador network")

    def ready(self):
        from core import page_cache

        from .models import Ambassador, Department, TeamMember

        page_cache.register(Department)
        # The network is its ambassadors and the team: a page shows both (portal.views).
        page_cache.register(Ambassador)
        page_cache.register(TeamMember)
