"""The worker's side of notifications: sending one e-mail of the outbox."""

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from core.logs import traced

from .models import Notification

logger = logging.getLogger(__name__)


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait after the ``attempts``-th failure; None when there is no next try."""
    minutes = settings.NOTIFICATION_RETRY_MINUTES
    return timedelta(minutes=minutes[attempts - 1]) if attempts <= len(minutes) else None


@task
@traced
def deliver_all(notification_ids: list[int]) -> dict[str, int]:
    """Send the notifications of one event (or of one sweep); how each went, counted."""
    return dict(Counter(send_one(pk) for pk in notification_ids))


@task
@traced
def deliver(notification_id: int) -> str:
    """Send one notification (the team's retry from a shell: ``deliver.enqueue(pk)``)."""
    return send_one(notification_id)


def send_one(notification_id: int) -> str:
    """Send one notification. The row is locked while it is sent, so two workers (or a
    retry and the sweep) never send it twice; a sent one is left alone. A failure is
    recorded and tried again later: it never reaches whoever caused the mail."""
    from .services import hand_over

    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.state in (
            Notification.State.SENT,
            Notification.State.FAILED,
        ):
            return "nothing to do"
        notification.attempts += 1
        message = EmailMessage(
            subject=notification.subject,
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.to],
        )
        try:
            message.send()
        except Exception as error:  # the mail server's errors are many: SMTP, OS, TLS
            delay = retry_delay(notification.attempts)
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            if delay is None:
                notification.state, notification.next_attempt_at = Notification.State.FAILED, None
            else:
                notification.state = Notification.State.WAITING
                notification.next_attempt_at = timezone.now() + delay
                hand_over([notification.pk], at=notification.next_attempt_at)
            notification.save()
            logger.warning(
                "Notification %s failed (attempt %s): %s",
                notification.pk,
                notification.attempts,
                notification.last_error,
            )
            return "failed"
        notification.state = Notification.State.SENT
        notification.sent_at = timezone.now()
        notification.next_attempt_at = None
        notification.save()
        logger.info("Notification %s sent (attempt %s)", notification.pk, notification.attempts)
        return "sent"
