"""Tasks that exist only in the tests (found by their path, as any task)."""

import time

from django.tasks import task


@task
def wait(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


@task
def stubborn(seconds: float) -> str:
    """Swallows the time limit's error, as a task stuck inside a C library would not see it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            time.sleep(0.05)
        except Exception:  # noqa: BLE001, S110 - on purpose
            pass
    return "never stopped"
