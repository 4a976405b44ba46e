"""How many PostgreSQL connections the web server holds: one per sync worker, so that
hosts × workers stays under PostgreSQL's max_connections (docs/operations.md,
"Connections"). Before: the pool (min 2, max 10) kept 3 or 4 per worker: 11 for these 3
workers, 108 at 4 hosts × 9 workers, over the default 100."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.support.servers import (
    BASE_DIR,
    fetch,
    free_port,
    listening,
    subprocess_environment,
)

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]
WORKERS = 3


#: The server's connections name themselves (libpq reads PGAPPNAME), apart from this test
#: process's own and those of other tests.
APPLICATION = "lkp-connections-test"


def connections_of_the_server() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [APPLICATION]
        )
        return cursor.fetchone()[0]


def test_each_sync_worker_holds_one_connection(tmp_path):
    database = connection.settings_dict
    port = free_port()
    env = subprocess_environment() | {
        "DJANGO_SETTINGS_MODULE": "lkp.settings.test",
        "DATABASE_URL": f"postgres://{database['USER'] or 'postgres'}@127.0.0.1:"
        f"{database['PORT'] or 5432}/{database['NAME']}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(WORKERS),
        "DATABASE_POOL_MAX_SIZE": "1",  # production's default (the test settings take 10)
        "GUNICORN_WORKER_TMP_DIR": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "PGAPPNAME": APPLICATION,
    }
    command = [Path(sys.executable).with_name("gunicorn"), "-c", "deploy/gunicorn.conf.py"]
    server = subprocess.Popen(  # noqa: S603 - the project's own server
        [*map(str, command), "lkp.wsgi"], cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL
    )
    try:
        assert listening(port)
        for _ in range(10 * WORKERS):  # every worker serves some
            assert fetch(f"http://127.0.0.1:{port}/healthz").status == 200
            assert fetch(f"http://127.0.0.1:{port}/").status < 500
        assert 0 < connections_of_the_server() <= WORKERS
    finally:
        server.terminate()
        server.wait(timeout=30)
