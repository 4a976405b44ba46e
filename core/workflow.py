"""The review workflow shared by initiatives and reports: a move from one state to the next,
with the lock, the check and the version bump that every move needs."""

from django.core.exceptions import ValidationError
from django.utils import timezone


def transition(
    instance, *, allowed_from, to, refused, comment="", stamp=None, stamp_once=False, by=None
):
    """Move ``instance`` (a model with ``State``, ``state``, ``review_comment`` and
    ``version``) to ``to`` if it is in one of ``allowed_from``; call inside a transaction.

    The row is locked and read fresh. ``refused`` is the message, with ``%(state)s`` and
    ``%(action)s``, when the move is not allowed. ``stamp`` names a date-time field set to
    now (only the first time, with ``stamp_once``). ``by``, the user, goes into the row's
    history (simple-history takes it from the request otherwise, and a command has none).
    Returns the saved row.
    """
    model = type(instance)
    current = model.objects.select_for_update().get(pk=instance.pk)
    if current.state not in allowed_from:
        raise ValidationError(
            refused % {"state": current.get_state_display(), "action": model.State(to).label}
        )
    current.state, current.review_comment = to, comment
    fields = ["state", "review_comment", "version", "updated_at"]
    if stamp:
        if not (stamp_once and getattr(current, stamp)):
            setattr(current, stamp, timezone.now())
        fields.append(stamp)
    current.version += 1
    if by is not None:
        current._history_user = by
    current.save(update_fields=fields)
    return current
