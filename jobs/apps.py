from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Long jobs carried out by the worker, with their progress and outcome; the apps
    register their kinds (jobs.kinds)."""

    name = "jobs"
    verbose_name = _("Jobs")

    def ready(self):
        from . import receivers  # noqa: F401 - a lost worker's job follows its task
