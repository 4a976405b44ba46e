"""Two app processes behind one database: a login on one is valid on the other, and an
import previewed on one is confirmed on the other (the preview waits in the shared cache,
not in a process's temporary folder). Run with the database cache and with Redis."""

import html
import re
import socket
import time
import uuid
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from programme.models import ProgrammeNode
from tests.factories import UserFactory
from tests.public_pages import LKP
from tests.support.servers import AppServer, NoRedirect, Worker, fetch

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def redis_available() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def database_cache():
    url = "dbcache://lkp_cache_test"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "lkp_cache_test",
            }
        }
    ):
        call_command("createcachetable", verbosity=0)
    return url


@pytest.fixture(params=["database", "redis"])
def cache_url(request):
    if request.param == "redis":
        if not redis_available():
            pytest.skip("Redis is not listening on 127.0.0.1:6379")
        return f"redis://127.0.0.1:6379/0?key_prefix=lkp-test-{uuid.uuid4().hex[:8]}"
    return database_cache()


@pytest.fixture
def two_servers(request, cache_url):
    call_command("load_programme", verbosity=0)
    UserFactory(username="redaktor", is_staff=True, is_superuser=True)
    settings = connection.settings_dict
    env = {
        "DATABASE_URL": f"postgres://{settings['USER'] or 'postgres'}@127.0.0.1:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}",
        "CACHE_URL": cache_url,
        "PAGE_CACHE_SECONDS": "3600",
        **getattr(request, "param", {}),
    }
    with AppServer(env) as one, AppServer(env) as two:
        yield one, two


def csrf_token(opener, url) -> str:
    page = fetch(url, opener=opener).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def staff_browser(server):
    """A cookie-keeping client logged in to the admin through ``server``'s login form.
    Cookies are per host, not per port, so every server on 127.0.0.1 sees the same ones."""
    opener = build_opener(HTTPCookieProcessor(CookieJar()), NoRedirect)
    login = server.url + reverse("login")
    answer = fetch(
        login,
        data=urlencode(
            {
                "username": "redaktor",
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf_token(opener, login),
                "next": "/admin/",
            }
        ).encode(),
        headers={"Referer": login},
        opener=opener,
    )
    assert answer.status == 302
    return opener


def multipart(fields: dict, file_field: str, filename: str, content: bytes):
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_login_and_import_preview_carry_over_from_one_process_to_another(two_servers):
    one, two = two_servers
    opener = staff_browser(one)
    assert fetch(two.url + "/admin/", opener=opener).status == 200  # logged in on the other

    import_url = reverse("admin:programme_programmenode_import")
    token = csrf_token(opener, one.url + import_url)
    body, headers = multipart(
        {"csrfmiddlewaretoken": token, "format": "1", "resource": "0"},
        "import_file",
        "new.csv",
        f"programme,code,parent,title\n{LKP},ny-riktning,,Ny riktning\n".encode(),
    )
    preview = fetch(
        one.url + import_url,
        data=body,
        headers={**headers, "Referer": one.url + import_url},
        opener=opener,
    )
    assert preview.status == 200
    confirm = re.search(r'<form[^>]+process_import/"[^>]*>(.*?)</form>', preview.text, re.S)
    assert confirm, preview.text[-2000:]
    fields = {name: html.unescape(value) for name, value in HIDDEN.findall(confirm.group(1))}
    assert not ProgrammeNode.objects.filter(code="ny-riktning").exists()  # a preview only

    process = reverse("admin:programme_programmenode_process_import")
    answer = fetch(
        two.url + process,
        data=urlencode(fields).encode(),
        headers={"Referer": two.url + import_url},
        opener=opener,
    )
    assert answer.status == 302, answer.text[-2000:]
    assert ProgrammeNode.objects.get(code="ny-riktning").kind == "direction"


def test_an_edit_on_one_process_shows_at_once_on_a_page_the_other_has_cached(two_servers):
    one, two = two_servers
    whole = f"/program/{LKP}/"
    visitor = fetch(two.url + whole)  # no cookies: cached for visitors
    assert fetch(two.url + whole).headers["X-Page-Cache"] == "hit"
    assert visitor.text.index('id="valkomnande"') < visitor.text.index('id="ansvar"')

    move_last_direction_first(one)

    after = fetch(two.url + whole)
    assert after.headers["X-Page-Cache"] == "miss"
    assert after.text.index('id="ansvar"') < after.text.index('id="valkomnande"')


def move_last_direction_first(server):
    opener = staff_browser(server)
    changelist = reverse("admin:programme_programmenode_changelist")
    token = csrf_token(opener, server.url + changelist + "?all=")
    first, last = (ProgrammeNode.objects.get(code=code) for code in ("valkomnande", "ansvar"))
    moved = fetch(
        server.url + changelist + "move/",
        data=urlencode({"node": last.pk, "target": first.pk, "relation": "sibling"}).encode(),
        headers={"X-CSRFToken": token, "Referer": server.url + changelist},
        opener=opener,
    )
    assert moved.status == 200, moved.text[-500:]


STALE_SECONDS = 5


@pytest.mark.parametrize(
    "two_servers",
    [{"PAGE_CACHE_STALE_SECONDS": str(STALE_SECONDS), "LKP_DATABASE_TASKS": "1"}],
    indirect=True,
)
def test_after_an_edit_the_other_process_serves_its_page_until_the_worker_has_rendered_it(
    two_servers, cache_url
):
    one, two = two_servers
    whole = f"/program/{LKP}/"
    fetch(two.url + whole)
    assert fetch(two.url + whole).headers["X-Page-Cache"] == "hit"
    move_last_direction_first(one)
    moved_at = time.monotonic()
    stale = fetch(two.url + whole)
    assert stale.headers["X-Page-Cache"] == "stale"
    assert stale.text.index('id="valkomnande"') < stale.text.index('id="ansvar"')

    worker = Worker({**one.env, "CACHE_URL": cache_url})
    with worker:
        while True:
            page = fetch(two.url + whole)
            if page.text.index('id="ansvar"') < page.text.index('id="valkomnande"'):
                break
            assert page.headers["X-Page-Cache"] == "stale"
            time.sleep(0.1)
    # Rendered by the worker, not by the visitor's request, and within the bound.
    assert page.headers["X-Page-Cache"] == "hit"
    assert time.monotonic() - moved_at < STALE_SECONDS


@pytest.mark.parametrize("two_servers", [{"PAGE_CACHE_WHOLE_PAGES": "0"}], indirect=True)
def test_a_fragment_kept_by_the_other_process_is_made_again_after_an_edit(two_servers):
    one, two = two_servers
    whole = f"/program/{LKP}/"
    for _ in range(2):  # the second visit reuses the tree the first one made
        page = fetch(two.url + whole)
        assert "X-Page-Cache" not in page.headers
        assert page.text.index('id="valkomnande"') < page.text.index('id="ansvar"')

    move_last_direction_first(one)

    after = fetch(two.url + whole)
    assert after.text.index('id="ansvar"') < after.text.index('id="valkomnande"')
