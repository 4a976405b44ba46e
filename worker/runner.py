"""django-tasks-db's worker with a heartbeat and a time limit per task.

A thread renews the worker's heartbeat every WORKER_HEARTBEAT_SECONDS, also while a task
runs, and recovers the tasks of workers that stopped beating (worker.services). A task
that runs longer than TASK_TIME_LIMIT_SECONDS gets a TimeLimitExceededError raised inside
it (SIGALRM, as rq and Celery's prefork pool do), which fails it as any error would; one
stuck where Python cannot interrupt it (inside a C library) is marked failed by the
heartbeat thread WORKER_LOST_AFTER_SECONDS later and the process exits, for systemd or
the container's restart policy to start a fresh one.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from datetime import datetime
from types import FrameType
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from . import services

logger = logging.getLogger("django_tasks_db")

#: The exit status of a worker that stopped itself over a task it could not interrupt.
EXIT_STUCK = 70


class BeatingWorker(Worker):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: The task in hand: its id, when it was claimed, and the monotonic clock then.
        self.current: tuple[str, datetime | None, float] | None = None
        self._stop = threading.Event()

    def run(self) -> None:
        services.beat_start(self.worker_id)
        thread = threading.Thread(target=self._beat, name="heartbeat", daemon=True)
        thread.start()
        try:
            super().run()
        finally:
            self._stop.set()
            thread.join(timeout=10)
            try:
                services.beat_stop(self.worker_id)
            except DatabaseError:
                logger.exception("Could not remove the heartbeat of worker %s", self.worker_id)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        # Signals reach only the main thread: under the autoreloader (`db_worker --reload`,
        # the development default) the worker runs in another, and a task past its limit
        # is then stopped by the heartbeat thread alone (the process exits, see _beat).
        limit = (
            settings.TASK_TIME_LIMIT_SECONDS
            if threading.current_thread() is threading.main_thread()
            else 0
        )
        self.current = (str(db_task_result.pk), db_task_result.started_at, time.monotonic())
        previous = signal.signal(signal.SIGALRM, self._time_up) if limit else None
        if limit:
            signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            super().run_task(db_task_result)
        finally:
            if limit:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
            self.current = None

    @staticmethod
    def _time_up(signum: int, frame: FrameType | None) -> None:
        raise services.TimeLimitExceededError(time_limit_message())

    def _beat(self) -> None:
        """The heartbeat thread (its own database connection, closed when it ends)."""
        interval = settings.WORKER_HEARTBEAT_SECONDS
        lost_after = settings.WORKER_LOST_AFTER_SECONDS
        # Tasks of other workers are recovered only once this one has reached the database
        # without a break for WORKER_LOST_AFTER_SECONDS: after an outage every worker's
        # heartbeat is old, and the others get that long to beat again.
        reachable_since: float | None = None
        last_recovery = 0.0
        try:
            while not self._stop.wait(interval):
                current = self.current
                try:
                    services.beat(
                        self.worker_id,
                        task_id=current[0] if current else None,
                        task_started_at=current[1] if current else None,
                    )
                    now = time.monotonic()
                    reachable_since = reachable_since or now
                    steady = now - reachable_since >= lost_after
                    if steady and now - last_recovery >= lost_after / 2:
                        last_recovery = now
                        services.recover_lost()
                except DatabaseError:
                    logger.warning("Worker %s could not reach the database", self.worker_id)
                    reachable_since = None
                    connection.close()
                limit = settings.TASK_TIME_LIMIT_SECONDS
                if current and limit and time.monotonic() - current[2] > limit + lost_after:
                    self._stop_stuck(current[0])
        finally:
            connection.close()

    def _stop_stuck(self, task_id: str) -> None:
        logger.critical(
            "Task %s did not stop at its time limit; worker %s exits", task_id, self.worker_id
        )
        try:
            services.fail_running(task_id, services.TimeLimitExceededError(time_limit_message()))
            services.beat_stop(self.worker_id)
        finally:
            os._exit(EXIT_STUCK)


def time_limit_message() -> str:
    return (
        f"The task ran longer than its time limit ({settings.TASK_TIME_LIMIT_SECONDS} s) "
        "and was stopped."
    )
