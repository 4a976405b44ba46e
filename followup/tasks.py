"""The follow-up's background work, run by the worker (`manage.py worker`)."""

from datetime import date

from django.tasks import task
from django.utils import timezone

from core.logs import traced

from . import reminders
from .models import FollowupRound


@task
@traced
def remind(round_id: int, step: str, today: str | None) -> int:
    """Remind the round's departments that have not submitted, at ``step``."""
    round_ = FollowupRound.objects.filter(pk=round_id).first()
    if round_ is None:
        return 0
    day = date.fromisoformat(today) if today else timezone.localdate()
    return reminders.send(round_=round_, step=step, today=day)
