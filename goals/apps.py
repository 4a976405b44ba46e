from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "goals"
    verbose_name = _("Existing goals")

    def ready(self):
        from core import page_cache

        from .models import GoalFormulation, SteeringDocument

        page_cache.register(SteeringDocument)
        # The register shows every document with its goals: a goal is part of the register.
        page_cache.register(GoalFormulation, lambda formulation: [SteeringDocument])
