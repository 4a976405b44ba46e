"""A worker killed with `kill -9` in the middle of a job: a worker started after it
finishes the job (before, the job stayed "Running (50 %)" for good, django-tasks #46)."""

import signal
import subprocess

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from jobs import services as jobs
from jobs.models import Job
from tests.factories import UserFactory
from tests.support.servers import Worker, subprocess_environment, wait_for
from tests.support.servers import _Process as Command
from tests.support.tasks import database_tasks
from tests.worker.tasks import stubborn, wait
from worker.runner import EXIT_STUCK

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def job_state(job):
    job.refresh_from_db()
    return job.state


def worker_environment(**settings):
    database = connection.settings_dict
    return subprocess_environment() | {
        "DJANGO_SETTINGS_MODULE": "lkp.settings.test",
        "LKP_DATABASE_TASKS": "1",
        "DATABASE_URL": f"postgres://{database['USER'] or 'postgres'}@127.0.0.1:"
        f"{database['PORT'] or 5432}/{database['NAME']}",
        "WORKER_HEARTBEAT_SECONDS": "0.2",
        "WORKER_LOST_AFTER_SECONDS": "1.5",
        **settings,
    }


def test_a_job_whose_worker_was_killed_is_finished_by_the_next_worker():
    env = worker_environment()
    with database_tasks():
        job = jobs.job_request(
            kind="test_wait", by=UserFactory(is_staff=True), parameters={"seconds": 4}
        )
    with Worker(env) as first:
        assert wait_for(lambda: job_state(job) == Job.State.RUNNING and job.progress >= 20, 30), (
            first.output()[-2000:]
        )
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(timeout=10)
    assert job_state(job) == Job.State.RUNNING  # as the killed worker left it

    with Worker(env) as second:
        assert wait_for(lambda: job_state(job) == Job.State.DONE, 40), second.output()[-3000:]
    task = DBTaskResult.objects.get()
    assert len(task.worker_ids) == 2 and task.return_value == "done"
    assert job.result == {"waited": 4}


def test_a_task_that_does_not_stop_at_its_time_limit_is_failed_and_its_worker_exits():
    with database_tasks():
        result = stubborn.enqueue(60)
    with Worker(worker_environment(TASK_TIME_LIMIT_SECONDS="0.5")) as worker:
        assert worker.process.wait(timeout=30) == EXIT_STUCK, worker.output()[-2000:]
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == "FAILED"
    assert task.exception_class_path == "worker.services.TimeLimitExceededError"


def test_a_worker_under_the_autoreloader_runs_its_tasks():
    """`make run` starts the worker with --reload, which runs it outside the main thread,
    where signals cannot be set: before, its first task crashed the worker."""
    with database_tasks():
        result = wait.enqueue(0)
    worker = Command(worker_environment())
    worker.start(["manage.py", "worker", "--reload", "--interval", "0.1", "--no-startup-delay"])
    try:
        succeeded = wait_for(
            lambda: DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL", 60
        )
        assert succeeded, worker.output()[-2000:]
    finally:  # the reloader's child first: it outlives its parent
        subprocess.run(["pkill", "-TERM", "-P", str(worker.process.pid)], check=False)  # noqa: S603, S607
        worker.__exit__(None, None, None)
