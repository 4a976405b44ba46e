from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class PrioritisationConfig(AppConfig):
    """The steering group's prioritisation of interventions within budgets."""

    name = "prioritisation"
    verbose_name = _("Prioritisation")

    def ready(self):
        from . import models

        # The steering group's published decisions (prioritisation.views.published).
        # Its interventions and their decisions are part of a budget's page.
        page_cache.register(models.Budget)
        page_cache.register(models.Intervention, lambda intervention: [models.Budget])
        page_cache.register(models.Decision, lambda decision: [models.Budget])
