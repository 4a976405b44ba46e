import os

from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from worker.runner import BeatingWorker


class Command(db_worker.Command):
    help = (
        "The task worker: django-tasks-db's `db_worker` with a heartbeat, a time limit per "
        "task (TASK_TIME_LIMIT_SECONDS) and the recovery of tasks whose worker died while "
        "it ran them (docs/operations.md, 'The task worker'). Takes db_worker's options."
    )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        pool_for_the_heartbeat()
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = BeatingWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()


def pool_for_the_heartbeat() -> None:
    """One more pooled connection than the settings give a web process: the heartbeat
    thread beats while the main thread holds its connection for a whole task."""
    for alias in connections:
        pool = connections[alias].settings_dict.get("OPTIONS", {}).get("pool")
        if isinstance(pool, dict):
            connections[alias].close_pool()  # type: ignore[attr-defined] # PostgreSQL's
            pool["max_size"] = pool.get("max_size", 1) + 1
