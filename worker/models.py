"""The workers that are running, as far as their heartbeats tell."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerBeat(models.Model):
    """A running worker process: written when it starts, its ``beat_at`` renewed every
    WORKER_HEARTBEAT_SECONDS (also while a task runs), deleted when it stops. A row whose
    beat is older than WORKER_LOST_AFTER_SECONDS is a worker that died (``kill -9``, a lost
    host): its task is recovered (worker.services.recover_lost)."""

    worker_id = models.CharField(_("worker id"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"))
    beat_at = models.DateTimeField(_("last heartbeat"), db_index=True)
    #: The task it runs now (a django-tasks-db result id), and since when.
    task_id = models.UUIDField(_("task"), null=True, blank=True)
    task_started_at = models.DateTimeField(_("task started"), null=True, blank=True)

    class Meta:
        ordering = ["started_at"]
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self):
        return f"{self.worker_id} ({self.host}, {self.pid})"
