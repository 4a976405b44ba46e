"""What django-simple-history records with a model's next save."""

from typing import Any


def record_as(obj: Any, *, by: Any, reason: str | None = None) -> None:
    """The next save of ``obj`` records ``by`` as the user (simple-history takes it from
    the request otherwise, and a command has none) and ``reason`` as its change reason."""
    # simple-history reads these two attributes; they are not model fields.
    setattr(obj, "_history_user", by)  # noqa: B010
    setattr(obj, "_change_reason", reason)  # noqa: B010
