"""Long jobs that the team asks for and the worker carries out (the annual export, the
annual report's PDF, the Kolada fetch). A job keeps who asked and when, its progress, and
its outcome (the file, the figures it reports, or the error). What a kind of job does is
registered by the app that owns it (jobs.kinds); a job may name the object it is about
(its subject, e.g. a follow-up round), and is deleted with it through the subject's
GenericRelation."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import private_storage

from . import kinds


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    #: One of the kinds registered in jobs.kinds ("export", "kolada").
    kind = models.CharField(_("kind"), max_length=16)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    subject_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject type"),
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
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
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="job_subject")]

    def __str__(self):
        return kinds.get(self.kind).describe(self)

    def get_kind_display(self) -> str:
        return str(kinds.get(self.kind).label)

    @property
    def summary(self) -> str:
        return kinds.get(self.kind).summarise(self)
