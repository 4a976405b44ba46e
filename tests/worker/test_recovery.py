"""Tasks whose worker died are recovered; tasks past their time limit are stopped; the
job that waited on either follows, and whoever asked for it is told (worker.services)."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from jobs import services as jobs
from jobs.models import Job
from notifications.models import Kind, Notification
from tests.factories import UserFactory
from tests.support.tasks import database_tasks
from tests.worker.tasks import wait
from worker import services
from worker.models import WorkerBeat
from worker.runner import BeatingWorker

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks_in_database(monkeypatch):
    # The worker closes "old" connections between tasks, as a request does; inside a
    # test's transaction that would end the test's own connection (PostgreSQL's pool).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with database_tasks():
        yield


def claimed(task_id, *worker_ids, minutes_ago=5):
    """The task as a worker left it when it claimed it, ``minutes_ago``."""
    DBTaskResult.objects.filter(pk=task_id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=list(worker_ids),
    )
    return DBTaskResult.objects.get(pk=task_id)


def beating(worker_id, *, seconds_ago=1):
    now = timezone.now()
    return WorkerBeat.objects.create(
        worker_id=worker_id,
        host="test",
        pid=1,
        started_at=now - timedelta(hours=1),
        beat_at=now - timedelta(seconds=seconds_ago),
    )


def run_worker(**options):
    worker = BeatingWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=options.pop("worker_id", "in-test"),
        excluded_queue_names=[],
    )
    worker.run()
    return worker


def test_a_task_whose_worker_stopped_beating_is_queued_again_and_a_live_workers_is_not(
    tasks_in_database,
):
    beating("alive")
    beating("dead", seconds_ago=600)
    of_the_dead = claimed(wait.enqueue(0).id, "dead")
    of_the_living = claimed(wait.enqueue(0).id, "alive")
    without_beat = claimed(wait.enqueue(0).id, "never-beat")
    just_claimed = claimed(wait.enqueue(0).id, "never-beat-either", minutes_ago=0)

    recovered = services.recover_lost()

    assert {r.task_id for r in recovered} == {str(of_the_dead.pk), str(without_beat.pk)}
    assert all(r.requeued and r.attempts == 1 for r in recovered)
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[of_the_dead.pk] == statuses[without_beat.pk] == TaskResultStatus.READY
    assert statuses[of_the_living.pk] == statuses[just_claimed.pk] == TaskResultStatus.RUNNING
    assert services.recover_lost() == []  # nothing twice

    run_worker()  # the next worker runs what was recovered
    of_the_dead.refresh_from_db()
    assert of_the_dead.status == TaskResultStatus.SUCCESSFUL
    assert of_the_dead.worker_ids == ["dead", "in-test"]
    assert not WorkerBeat.objects.filter(worker_id="in-test").exists()  # gone when it stops


def test_after_its_last_attempt_a_lost_task_fails(tasks_in_database, settings):
    settings.TASK_ATTEMPTS = 2
    task = claimed(wait.enqueue(0).id, "first", "second")

    [recovered] = services.recover_lost()

    task.refresh_from_db()
    assert not recovered.requeued and recovered.attempts == 2
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "worker.services.LostTaskError"
    assert "2 time(s)" in task.traceback


def asked_for(user, django_capture_on_commit_callbacks, seconds=0.0):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_request(kind="test_wait", by=user, parameters={"seconds": seconds})
    return job, DBTaskResult.objects.get(args_kwargs__args=[job.pk])


def test_a_lost_job_waits_again_runs_and_after_its_last_attempt_fails_and_tells_the_asker(
    tasks_in_database, settings, django_capture_on_commit_callbacks
):
    settings.TASK_ATTEMPTS = 2
    team = UserFactory(is_staff=True, email="team@example.se")
    job, task = asked_for(team, django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, progress=50)
    claimed(task.pk, "dead")

    services.recover_lost()

    job.refresh_from_db()
    assert (job.state, job.progress) == (Job.State.QUEUED, 0)
    assert job.step == "Startades igen: arbetaren stannade medan den körde detta (försök 2)"
    run_worker()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result == {"waited": 0.0}

    job, task = asked_for(team, django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, progress=50)
    claimed(task.pk, "dead", "dead-too")
    services.recover_lost()

    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.error.startswith("Arbetaren stannade medan den körde jobbet, 2 gånger")
    told = Notification.objects.get(kind=Kind.JOB_FAILED)
    assert told.to == "team@example.se" and told.object_id == job.pk
    assert "Misslyckades: Waiting (tests)" in told.subject
    assert job.error in told.body and f"/admin/jobs/job/{job.pk}/" in told.link


def test_a_task_past_its_time_limit_is_stopped_and_its_job_fails(
    tasks_in_database, settings, django_capture_on_commit_callbacks
):
    settings.TASK_TIME_LIMIT_SECONDS = 0.3
    plain = wait.enqueue(30)
    job, _task = asked_for(None, django_capture_on_commit_callbacks, seconds=30)
    viewer = UserFactory(username="viewer", is_staff=True, email="viewer@example.se")
    viewer.user_permissions.add(Permission.objects.get(codename="view_job"))

    run_worker()

    result = DBTaskResult.objects.get(pk=plain.id)
    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == "worker.services.TimeLimitExceededError"
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.error.startswith("Jobbet tog längre tid än sin tidsgräns (0 minuter)")
    # Nobody asked for it (a build of the portal's own): the team who see the jobs is told.
    assert Notification.objects.get(kind=Kind.JOB_FAILED).to == "viewer@example.se"


def test_the_daily_work_recovers_lost_tasks(tasks_in_database):
    claimed(wait.enqueue(0).id, "dead")
    out = io.StringIO()
    call_command("daily", stdout=out)
    assert "1 task(s) of a stopped worker queued again, 0 failed" in out.getvalue()


def test_a_worker_is_live_while_it_beats():
    beating("alive")
    beating("dead", seconds_ago=600)
    assert [w.worker_id for w in services.live_workers()] == ["alive"]
    services.beat("dead", task_id=None, task_started_at=None)
    assert {w.worker_id for w in services.live_workers()} == {"alive", "dead"}
