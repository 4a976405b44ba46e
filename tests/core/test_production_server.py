"""The portal as production serves it: gunicorn with deploy/gunicorn.conf.py and the
production settings, two instances on one machine, static files not collected.

Before: the two instances shared one control socket ($HOME/.gunicorn/gunicorn.ctl); the
health probes at the machine's own address answered 400 (its Host is not in
ALLOWED_HOSTS) or 301 (to HTTPS), so compose's health check failed; and a request for an
unknown Host rendered the 400 page through base.html, which needs the database and the
static files' manifest, and answered 500 where those were missing."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.servers import (
    BASE_DIR,
    fetch,
    free_port,
    listening,
    subprocess_environment,
)


def gunicorn(tmp_path: Path, port: int) -> subprocess.Popen:
    env = subprocess_environment() | {
        "DJANGO_SETTINGS_MODULE": "lkp.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "lkp.example.se",
        "EMAIL_URL": "smtp://127.0.0.1:25",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "CACHE_URL": "locmemcache://",
        "STATIC_ROOT": str(tmp_path / "not-collected"),
        "TMPDIR": str(tmp_path),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_WORKER_TMP_DIR": str(tmp_path),
    }
    return subprocess.Popen(  # noqa: S603 - the project's own server
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "deploy/gunicorn.conf.py",
            "lkp.wsgi",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.server_errors
def test_two_instances_their_probes_and_an_unknown_host(tmp_path):
    ports = [free_port(), free_port()]
    servers = [gunicorn(tmp_path, port) for port in ports]
    try:
        assert all(listening(port) for port in ports)
        for port in ports:
            # The probe at the instance's own address, over plain HTTP.
            health = fetch(f"http://127.0.0.1:{port}/healthz")
            assert health.status == 200 and health.text == '{"status": "ok", "database": "up"}'
            ready = fetch(f"http://127.0.0.1:{port}/readyz")
            assert ready.status == 503 and "migrations" in ready.text  # an empty database
            assert (tmp_path / f"lkp-gunicorn-127.0.0.1-{port}.ctl").is_socket()
        assert all(server.poll() is None for server in servers)  # both still running

        stranger = fetch(f"http://127.0.0.1:{ports[0]}/", headers={"Host": "evil.example"})
        assert stranger.status == 400
        assert "Felaktig begäran" in stranger.text and "Bad request" in stranger.text
        assert "/static/css/site.css" in stranger.text  # without a manifest to hash it
        redirected = fetch(f"http://127.0.0.1:{ports[0]}/", headers={"Host": "lkp.example.se"})
        assert redirected.status == 301  # everything else goes to HTTPS, as before
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
