"""Switch the test process to the database task backend (Django keeps its task backends
once made, and does not remake them when TASKS is overridden)."""

import contextlib

from asgiref.local import Local
from django.tasks import task_backends
from django.test import override_settings

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _forget_backends() -> None:
    task_backends._settings = None
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@contextlib.contextmanager
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        _forget_backends()
        try:
            yield
        finally:
            _forget_backends()
