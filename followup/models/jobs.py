"""Long jobs that the team asks for in the admin and the worker carries out: the annual
export and the Kolada fetch. A job keeps who asked and when, its progress, and its
outcome (the file, the import's figures, or the error)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import private_storage

from .reports import FollowupRound


class Job(models.Model):
    class Kind(models.TextChoices):
        EXPORT = "export", _("Annual export")
        KOLADA = "kolada", _("Fetch from Kolada")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    round = models.ForeignKey(
        FollowupRound,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("round"),
    )
    format = models.CharField(_("format"), max_length=8, blank=True)
    #: What the job was asked to do, e.g. {"years": [2020, 2024]} for Kolada.
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), storage=private_storage, blank=True, max_length=200)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs (exports and fetches)")

    def __str__(self):
        if self.round is not None:
            return f"{self.get_kind_display()} {self.round.year} ({self.format})"
        return str(self.get_kind_display())
