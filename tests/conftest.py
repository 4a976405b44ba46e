import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, the
    local cache (cached pages, their content version) would otherwise carry over."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english_messages():
    """Read messages in English (the interface default is Swedish)."""
    with translation.override("en"):
        yield


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def loaded(db):
    """The real programme, frameworks, pages and statement, as `make run` loads them."""
    call_command("load_programme", stdout=io.StringIO())


def pytest_collection_modifyitems(config, items):
    """Tests marked postgresql are skipped, with the reason shown, on other databases."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgresql" in item.keywords:
            item.add_marker(skip)
