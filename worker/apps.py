from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkerConfig(AppConfig):
    """The task worker (`manage.py worker`): django-tasks-db's worker with a heartbeat, a
    time limit per task, and the recovery of tasks whose worker died while it ran them."""

    name = "worker"
    verbose_name = _("Task worker")

    def ready(self):
        from core import schedule

        from . import services

        schedule.register(services.recover_lost_daily)
