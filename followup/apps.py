from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """The annual follow-up: reports, key figures and the alignment analysis."""

    name = "followup"
    verbose_name = _("Follow-up")
