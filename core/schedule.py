"""The portal's scheduled work beyond the follow-up's reminders and the e-mail retries:
what `manage.py daily` also runs, registered by the app that owns it (in its ready()), so
that the command need not know the apps above it."""

from collections.abc import Callable
from datetime import date

#: Each takes the day it runs as and returns a line for the command's output.
_work: list[Callable[[date], str]] = []


def register(work: Callable[[date], str]) -> None:
    if work not in _work:
        _work.append(work)


def run(day: date) -> list[str]:
    """Run every registered piece of work as on ``day``; their lines of output."""
    return [work(day) for work in _work]
