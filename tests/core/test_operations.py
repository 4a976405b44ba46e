"""What the operations team relies on: the log format and request id, readiness, CSP
reports, throttles, the release check, the deployment files, backup and restore."""

import io
import json
import logging
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from core import logs
from tests.support.servers import BASE_DIR, subprocess_environment

LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (INFO|WARNING|ERROR) [\w.]+ \[[\w.:-]+\] .+$"
)


def formatted(records) -> list[str]:
    handler = logging.getLogger().handlers[0]
    return [handler.format(record) for record in records]


@pytest.mark.django_db(transaction=True)
def test_every_line_of_a_request_and_of_its_task_carries_the_request_id(caplog, loaded_examples):

    from core import review
    from initiatives import services
    from initiatives.models import Initiative
    from programme.models import ProgrammeNode
    from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

    department = DepartmentFactory(short_name="SOF")
    user = AmbassadorFactory(departments=[department]).user
    UserFactory(is_staff=True, email="team@example.se").user_permissions.add(
        *__import__(
            "django.contrib.auth.models", fromlist=["Permission"]
        ).Permission.objects.filter(codename="review_initiative")
    )
    initiative = services.initiative_create(
        initiative=Initiative(title="Simskola", summary="S", lead_department=department),
        relations={"priorities": [ProgrammeNode.objects.priorities().first()]},
        by=user,
    )
    client = Client()
    client.force_login(user)
    caplog.set_level(logging.INFO)
    response = client.post(
        f"/ambassador/insatser/{initiative.pk}/skicka-in/", HTTP_X_REQUEST_ID="req-0123456789"
    )
    assert response["X-Request-ID"] == "req-0123456789"
    assert Initiative.objects.get(pk=initiative.pk).state == review.State.SUBMITTED
    moved = [r for r in caplog.records if r.name == "core.review"]
    sent = [r for r in caplog.records if r.name == "notifications.tasks"]
    assert moved and sent  # the move in the request, the e-mail in the task it queued
    for record in moved + sent:
        assert record.request_id == "req-0123456789"
    for line in formatted(moved + sent):
        assert LINE.match(line), line
    # An id the proxy did not send, or one that is not sane, is replaced by a new one.
    other = client.get("/", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", other)


def test_json_lines_on_request():
    record = logging.LogRecord("lkp.x", logging.WARNING, __file__, 1, "Hej %s", ("då",), None)
    record.request_id = "abcdefgh"
    entry = json.loads(logs.JsonFormatter().format(record))
    assert entry["level"] == "WARNING" and entry["logger"] == "lkp.x"
    assert (entry["request_id"], entry["message"]) == ("abcdefgh", "Hej då")


class BrokenCache(LocMemCache):
    def set(self, *args, **kwargs):
        raise ConnectionError("Redis is gone")


@pytest.mark.server_errors
@pytest.mark.django_db
def test_readiness_names_what_fails_and_liveness_stays_up(settings, monkeypatch):
    assert Client().get("/readyz").json() == {"status": "ok"}
    settings.CACHES = {"default": {"BACKEND": "tests.core.test_operations.BrokenCache"}}
    response = Client().get("/readyz")
    assert response.status_code == 503 and response.json()["failing"] == ["cache"]
    assert "Redis" not in response.content.decode()  # no details to anonymous callers
    assert Client().get("/healthz").status_code == 200


@pytest.mark.server_errors
@pytest.mark.django_db
def test_readiness_says_when_migrations_are_pending(monkeypatch):
    from django.db.migrations import executor

    from core import views

    monkeypatch.setattr(views, "_migrations_applied", False)
    monkeypatch.setattr(
        executor.MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)]
    )
    response = Client().get("/readyz")
    assert response.status_code == 503 and response.json()["failing"] == ["migrations"]


@pytest.mark.django_db
def test_readiness_reads_the_migrations_once_per_process_once_they_are_applied(monkeypatch):
    from core import views

    monkeypatch.setattr(views, "_migrations_applied", False)
    built = []
    real = views.MigrationExecutor
    monkeypatch.setattr(views, "MigrationExecutor", lambda c: built.append(c) or real(c))
    for _ in range(3):
        assert Client().get("/readyz").json() == {"status": "ok"}
    assert len(built) == 1  # before: every call (58-95 ms each on the benchmark's machine)


@pytest.mark.django_db
def test_csp_reports_are_logged_without_personal_data_and_rate_limited(caplog):
    report = {
        "csp-report": {
            "document-uri": "https://lkp.example.se/sok/?q=anna.andersson@example.se",
            "violated-directive": "script-src-elem",
            "blocked-uri": "https://evil.example.com/x.js?session=secret",
        }
    }
    client = Client()
    caplog.set_level(logging.WARNING, logger="core.views")
    response = client.post("/csp-report", json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    line = caplog.records[-1].getMessage()
    assert "script-src-elem" in line and "https://lkp.example.se/sok/" in line
    assert "anna" not in line and "secret" not in line
    assert client.post("/csp-report", "{nope", content_type="application/json").status_code == 400
    assert client.get("/csp-report").status_code == 405
    statuses = {
        client.post("/csp-report", json.dumps(report), content_type="application/json").status_code
        for _ in range(40)
    }
    assert 429 in statuses
    assert "report-uri /csp-report" in client.get("/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_api_and_the_search_page_are_throttled_per_client(settings, loaded):
    settings.API_THROTTLE_RATE = "3/minute"
    settings.SEARCH_THROTTLE_PER_MINUTE = 2
    client = Client()
    api = [client.get("/api/v1/programmes/") for _ in range(4)]
    assert [r.status_code for r in api] == [200, 200, 200, 429]
    assert int(api[-1]["Retry-After"]) > 0
    search = [client.get("/sok/", {"q": "trygghet"}) for _ in range(3)]
    assert [r.status_code for r in search] == [200, 200, 429]
    assert (
        int(search[-1]["Retry-After"]) > 0
        and "För många förfrågningar" in search[-1].content.decode()
    )
    assert Client(REMOTE_ADDR="10.0.0.2").get("/sok/", {"q": "x"}).status_code == 200


@pytest.mark.django_db
def test_the_release_check_names_every_problem(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    with pytest.raises(CommandError) as refused:
        call_command("release_check", stdout=io.StringIO(), stderr=io.StringIO())
    message = str(refused.value)
    assert "RELEASE is not set" in message
    assert "`check --deploy` reports" in message  # the test settings are not production's
    assert "migration" not in message  # every migration is written and applied


def test_the_systemd_units_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    units = sorted((BASE_DIR / "deploy" / "systemd").iterdir())
    assert {unit.name for unit in units} >= {
        "lkp-web.service",
        "lkp-worker.service",
        *(
            f"lkp-{job}.{kind}"
            for job in ("daily", "clearsessions", "axes-cleanup", "prune-tasks", "kolada", "backup")
            for kind in ("service", "timer")
        ),
    }
    for unit in units:  # at this checkout's place instead of /srv/lkp
        (tmp_path / unit.name).write_text(unit.read_text().replace("/srv/lkp", str(BASE_DIR)))
    result = subprocess.run(  # noqa: S603
        [analyze, "verify", *sorted(str(path) for path in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_service_is_hardened_to_an_exposure_of_at_most_4_5(tmp_path):
    """`systemd-analyze security` scores 0 (locked down) to 10 (exposed); the units scored
    8.5 with only NoNewPrivileges, PrivateTmp, ProtectSystem=full and ProtectHome."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    services = sorted((BASE_DIR / "deploy" / "systemd").glob("*.service"))
    scores = {}
    for unit in services:
        (tmp_path / unit.name).write_text(unit.read_text().replace("/srv/lkp", str(BASE_DIR)))
        result = subprocess.run(  # noqa: S603
            [analyze, "security", "--offline=true", f"--root={tmp_path.anchor}", unit.name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        match = re.search(r"Overall exposure level for \S+: ([\d.]+)", result.stdout)
        assert match, result.stdout + result.stderr
        scores[unit.name] = float(match.group(1))
    assert len(scores) == 8 and max(scores.values()) <= 4.5, scores


def test_the_gunicorn_configuration_reads_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    values = {}
    exec((BASE_DIR / "deploy" / "gunicorn.conf.py").read_text(), values)  # noqa: S102
    assert (values["workers"], values["timeout"], values["accesslog"]) == (3, 45, "-")
    assert values["max_requests"] > 0 and values["max_requests_jitter"] > 0
    assert values["graceful_timeout"] >= 30 and "request_id" in values["access_log_format"]
    checked = subprocess.run(  # noqa: S603 - gunicorn reads the file and loads the app
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--check-config",
            "-c",
            "deploy/gunicorn.conf.py",
            "lkp.wsgi",
        ],
        cwd=BASE_DIR,
        env=subprocess_environment()
        | {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "lkp.example.se",
            "EMAIL_URL": "smtp://127.0.0.1:25",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


def run_manage(*command, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *command],
        cwd=BASE_DIR,
        env=subprocess_environment() | {"DJANGO_SETTINGS_MODULE": "lkp.settings.test"} | env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_drill(settings, tmp_path, loaded_examples):
    from initiatives.models import Initiative

    settings.MEDIA_ROOT, settings.PRIVATE_FILES_ROOT = tmp_path / "media", tmp_path / "private"
    (tmp_path / "media" / "initiatives").mkdir(parents=True)
    (tmp_path / "media" / "initiatives" / "bild.jpg").write_bytes(b"\xff\xd8 a photo")
    (tmp_path / "private" / "originals").mkdir(parents=True)
    (tmp_path / "private" / "originals" / "bild.jpg").write_bytes(b"\xff\xd8 the original")
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=out)
    archive = next((tmp_path / "backups").glob("lkp-backup-*.tar"))
    assert "2 files" in out.getvalue()

    database = connection.settings_dict
    target = f"{database['NAME']}_restore"
    admin = f"postgres://{database['USER'] or 'postgres'}@127.0.0.1:{database['PORT'] or 5432}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cursor.execute(f'CREATE DATABASE "{target}"')
    try:
        env = {
            "DATABASE_URL": f"{admin}/{target}",
            "MEDIA_ROOT": str(tmp_path / "restored-media"),
            "PRIVATE_FILES_ROOT": str(tmp_path / "restored-private"),
        }
        damaged = tmp_path / "damaged.tar"
        with tarfile.open(archive) as source, tarfile.open(damaged, "w") as copy:
            for member in source.getmembers():
                data = source.extractfile(member).read()
                if member.name == "media/initiatives/bild.jpg":
                    data = data.replace(b"photo", b"PHOTO")
                copy.addfile(member, io.BytesIO(data))
        refused = run_manage("restore", str(damaged), env=env)
        assert refused.returncode == 1 and "damaged" in refused.stderr
        assert "media/initiatives/bild.jpg" in refused.stderr

        restored = run_manage("restore", str(archive), env=env)
        assert restored.returncode == 0, restored.stderr
        assert "all as in the manifest" in restored.stdout
        assert (
            tmp_path / "restored-private" / "originals" / "bild.jpg"
        ).read_bytes() == b"\xff\xd8 the original"
        count = run_manage(
            "shell",
            "-c",
            "from initiatives.models import Initiative; print(Initiative.objects.count())",
            env=env,
        )
        assert count.stdout.strip().splitlines()[-1] == str(Initiative.objects.count())

        again = run_manage("restore", str(archive), env=env)
        assert again.returncode == 1 and "is not empty" in again.stderr
    finally:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')


def test_errors_reach_sentry_without_personal_data_when_a_dsn_is_set():
    import sentry_sdk

    from core import monitoring

    sent = []

    class Transport(sentry_sdk.transport.Transport):
        def capture_envelope(self, envelope):
            sent.append(envelope)

    monitoring.init_sentry("", release="r1", environment="test")
    assert not sentry_sdk.get_client().is_active()  # no DSN, no reporting
    token = logs.request_id.set("req-abcdefgh")
    try:
        monitoring.init_sentry("http://key@127.0.0.1:9/1", release="r1", environment="test")
        client = sentry_sdk.get_client()
        client.transport = Transport(client.options)
        assert client.options["data_collection"]["user_info"] is False
        sentry_sdk.capture_exception(RuntimeError("boom"))
        sentry_sdk.flush()
    finally:
        logs.request_id.reset(token)
        sentry_sdk.init()  # off again
    event = sent[0].get_event()
    assert event["release"] == "r1" and event["tags"]["request_id"] == "req-abcdefgh"
