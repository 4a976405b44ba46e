"""Logins keep working while the shared cache (Redis) is down: sessions are read from and
written to the database, throttles let requests through, the log says so. Before, with
Django's cached_db sessions, every login answered 500 (its new key and the old one's
deletion asked the cache unguarded), and so did every logged-in page (the session
cut-off was read from the cache only)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import AmbassadorFactory, DepartmentFactory

pytestmark = [pytest.mark.django_db]
PASSWORD = "correct horse battery staple"
#: Redis at a port where nothing listens: every cache call fails to connect.
REDIS_DOWN = {
    "default": {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5},
    }
}


def test_an_ambassador_logs_in_works_and_logs_out_while_redis_is_down(settings, caplog):
    user = AmbassadorFactory(departments=[DepartmentFactory()]).user
    user.set_password(PASSWORD)
    user.save()
    settings.SESSION_ENGINE = "accounts.session_store"  # Django's cached_db: 500 at login
    settings.CACHES = REDIS_DOWN
    client = Client()

    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302 and "login" not in response["Location"]
    assert client.get("/ambassador/").status_code == 200
    assert client.get(reverse("search:search"), {"q": "trygghet"}).status_code == 200
    client.post(reverse("logout"))
    assert client.get("/ambassador/").status_code == 302  # logged out, in the database too
    assert "Session cache unreachable" in caplog.text


def test_asking_for_cached_db_gets_the_store_that_survives_the_cache(monkeypatch):
    import importlib

    import lkp.settings.base as base

    monkeypatch.setenv("SESSION_ENGINE", "django.contrib.sessions.backends.cached_db")
    try:
        assert importlib.reload(base).SESSION_ENGINE == "accounts.session_store"
    finally:
        monkeypatch.delenv("SESSION_ENGINE")
        importlib.reload(base)
