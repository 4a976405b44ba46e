"""A database outage against the real PostgreSQL: every page answers 503 with Retry-After,
/healthz says so, and the same app process recovers when the database is back.

The portal runs under gunicorn in its own process and reaches PostgreSQL through a local
TCP proxy; cutting the proxy makes the database unreachable without stopping the shared
server that the rest of the suite uses."""

import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tests.public_pages import PAGE_TYPES, load_example_pages
from tests.support.servers import AppServer, TcpProxy, fetch, wait_for

# The database is taken away on purpose: the 503s are what these tests check.
pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.server_errors,
]


def database_url(port: int) -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    return f"postgres://{user}@127.0.0.1:{port}/{settings['NAME']}"


@pytest.fixture
def outage(programme_dumps):
    call_command("loaddata", str(programme_dumps["examples"]), verbosity=0)
    load_example_pages()
    proxy = TcpProxy(
        connection.settings_dict["HOST"] or "127.0.0.1",
        int(connection.settings_dict["PORT"] or 5432),
    )
    proxy.restore()
    env = {"DATABASE_URL": database_url(proxy.port), "DATABASE_POOL_TIMEOUT": "0.3"}
    with AppServer(env) as server:
        yield proxy, server
    proxy.cut()


def test_pages_answer_503_while_the_database_is_unreachable_and_recover_after(
    outage, client, superuser
):
    proxy, server = outage
    client.force_login(superuser)  # a session in the shared database, used by the server
    staff = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    addresses = [page.url(language) for page in PAGE_TYPES for language in ("sv", "en")]
    addresses.append(reverse("admin:programme_programmenode_changelist"))
    for address in addresses:
        assert fetch(server.url + address, headers=staff).status == 200, address
    assert fetch(server.url + "/healthz").status == 200

    proxy.cut()
    # Each page waits for the pool's timeout (0.3 s here); one language is enough to show it.
    for address in [address for address in addresses if not address.startswith("/en/")]:
        started = time.monotonic()
        response = fetch(server.url + address, headers=staff)
        assert response.status == 503, address
        assert response.headers["Retry-After"] == "30"
        assert "Tjänsten är tillfälligt otillgänglig" in response.text
        assert "Temporarily unavailable" in response.text
        assert "Traceback" not in response.text and "psycopg" not in response.text
        assert time.monotonic() - started < 5, address
    health = fetch(server.url + "/healthz")
    assert health.status == 503
    assert health.headers["Retry-After"] == "30"

    pid = server.process.pid
    proxy.restore()
    assert wait_for(lambda: fetch(server.url + "/healthz").status == 200, 30, every=0.5)
    for address in addresses:
        assert fetch(server.url + address, headers=staff).status == 200, address
    assert server.process.pid == pid and server.process.poll() is None
