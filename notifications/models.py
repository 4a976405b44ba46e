"""The outbox: every e-mail the portal sends, as it was written, to whom, why, and how its
sending went; and each person's choice of language and of the kinds they want."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about. The first two and JOB_FAILED go to the team, the
    others to a department's ambassadors."""

    SUBMITTED = "submitted", _("Submitted for review")
    CHANGED = "changed", _("A published entry was changed by its department")
    RETURNED = "returned", _("Returned with a comment")
    ACCEPTED = "accepted", _("Published or approved")
    REMINDER = "reminder", _("Follow-up reminder")
    #: A job (an export, a PDF, a fetch) failed: to whoever asked for it, else the team.
    JOB_FAILED = "job_failed", _("A job failed")
    #: An invitation to a new ambassador (accounts.services): never turned off.
    INVITATION = "invitation", _("Invitation")


class Notification(models.Model):
    """One e-mail to one person. Written when the event happens, in the recipient's
    language; sent by the worker (notifications.tasks.deliver), tried again with backoff
    after a failure and never sent twice once it succeeded."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        WAITING = "waiting", _("Failed, will be tried again")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    link = models.URLField(_("link"), max_length=500)
    reason = models.CharField(_("why this person"), max_length=255)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications (outbox)")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="notification_due")]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class Preference(models.Model):
    """A person's language for e-mails and the kinds they turned off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user account"),
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    muted = models.JSONField(_("kinds turned off"), default=list, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)
