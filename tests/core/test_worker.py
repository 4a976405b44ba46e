"""End to end through the real task backend: the request only queues, and a separate
`worker` process builds the annual export and sends the e-mail."""

import datetime
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_tasks_db.models import DBTaskResult

from ambassadors.models import Department
from core import review
from followup import services as followup_services
from initiatives import services as initiative_services
from initiatives.models import Initiative
from jobs.models import Job
from notifications.models import Notification
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, UserFactory
from tests.support.servers import BASE_DIR, subprocess_environment
from tests.support.tasks import database_tasks

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def run_worker(mail_dir) -> subprocess.CompletedProcess:
    database = connection.settings_dict
    env = subprocess_environment() | {
        "DJANGO_SETTINGS_MODULE": "lkp.settings.test",
        "LKP_DATABASE_TASKS": "1",
        "DATABASE_URL": f"postgres://{database['USER'] or 'postgres'}@127.0.0.1:"
        f"{database['PORT'] or 5432}/{database['NAME']}",
        "PRIVATE_FILES_ROOT": str(settings.PRIVATE_FILES_ROOT),
        "EMAIL_URL": f"filemail://{mail_dir}",
    }
    return subprocess.run(  # noqa: S603 - the project's own manage.py
        [sys.executable, "manage.py", "worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_worker_builds_the_export_and_sends_the_mail(tmp_path):
    call_command("load_programme", "--with-examples", verbosity=0)
    team = UserFactory(username="team", is_staff=True, email="team@example.se")
    team.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["followup", "initiatives"])
    )
    viewer = UserFactory(is_staff=True)
    sof = Department.objects.get(short_name="SOF")  # the kit's, loaded above
    anna = AmbassadorFactory(departments=[sof]).user
    round_ = followup_services.round_open(
        year=2025,
        deadline=datetime.date(2026, 2, 15),
        phase="annual_report",
        departments=[sof],
        by=team,
    )
    initiative = initiative_services.initiative_create(
        initiative=Initiative(title="Simskola", summary="S", lead_department=sof),
        relations={"priorities": [ProgrammeNode.objects.priorities().first()]},
        by=anna,
    )
    team_client = Client()
    team_client.force_login(team)
    with database_tasks():
        review.submit(initiative, by=anna)
        response = team_client.post(
            f"/admin/followup/followupround/{round_.pk}/export/", {"format": "xlsx"}
        )
    assert response.status_code == 302
    job, notification = Job.objects.get(), Notification.objects.get()
    # The request only queued: nothing is built or sent yet.
    assert (job.state, notification.state) == (Job.State.QUEUED, Notification.State.QUEUED)
    assert DBTaskResult.objects.filter(status="READY").count() == 2

    mail_dir = tmp_path / "mail"
    worker = run_worker(mail_dir)
    assert worker.returncode == 0, worker.stderr

    job.refresh_from_db()
    notification.refresh_from_db()
    assert job.state == Job.State.DONE and job.file, job.error
    assert notification.state == Notification.State.SENT and notification.attempts == 1
    sent = "".join(path.read_text() for path in mail_dir.iterdir())
    assert "team@example.se" in sent and "Simskola" in sent
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2

    download = f"/admin/jobs/job/{job.pk}/download/"
    response = team_client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"  # an xlsx (zip) file
    viewer_client = Client()
    viewer_client.force_login(viewer)
    assert viewer_client.get(download).status_code == 403
    assert Client().get(download).status_code == 302
