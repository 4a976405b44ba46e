"""An invitation of a new ambassador: who invited whom, when, and whether it was taken up."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Ambassador


class Invitation(models.Model):
    """One invitation e-mail. Its link (accounts.tokens) lets the person set a password
    once, within PASSWORD_RESET_TIMEOUT; sending again writes a new invitation."""

    ambassador = models.ForeignKey(
        Ambassador,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("ambassador"),
    )
    email = models.EmailField(_("e-mail"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    @property
    def expires_at(self):
        return self.sent_at + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)

    @property
    def status(self) -> str:
        if self.accepted_at:
            return str(_("Accepted"))
        if timezone.now() > self.expires_at:
            return str(_("Expired"))
        return str(_("Sent"))


class SessionCutoff(models.Model):
    """Sessions of ``user`` begun before ``valid_after`` have ended: *log out everywhere*."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    valid_after = models.DateTimeField()

    class Meta:
        verbose_name = _("session cut-off")
        verbose_name_plural = _("session cut-offs")

    def __str__(self):
        return f"{self.user_id}: {self.valid_after:%Y-%m-%d %H:%M}"
