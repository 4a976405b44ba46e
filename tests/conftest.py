import io
import logging
import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import UserFactory
from tests.support.oidc import CLIENT_ID, CLIENT_SECRET, running_provider
from tests.support.server_errors import ServerErrors

# The property tests (tests/properties/): a bounded number of examples in `make test`, many
# more with HYPOTHESIS_PROFILE=deep (scripts/fuzz). Examples share the test's database
# fixtures and undo their own writes, so function-scoped fixtures are fine here.
hypothesis_settings.register_profile(
    "test",
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "deep",
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "1000")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "test"))


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, the
    local cache (cached pages, their content version) would otherwise carry over."""
    from core import page_cache

    cache.clear()
    page_cache.forget_latest_change()
    page_cache.forget_fragments()
    yield
    cache.clear()
    page_cache.forget_latest_change()
    page_cache.forget_fragments()


@pytest.fixture
def page_cache_on(settings, django_capture_on_commit_callbacks):
    """The page cache on, as in production; edits made inside ``page_cache.edit()`` are
    committed as far as the cache can tell (their on-commit callbacks run at the end)."""
    settings.PAGE_CACHE_SECONDS = 3600

    class PageCache:
        @staticmethod
        def edit():
            return django_capture_on_commit_callbacks(execute=True)

    return PageCache()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language. A request through the test client
    leaves its language active in the thread (LocaleMiddleware activates, nothing resets),
    so without this a test's `reverse()` would depend on the test before it in its worker."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


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


# What `load_programme` writes; its output is made once per test run (see below). History
# tables are left out: simple-history writes its own records as the dump loads, and on
# PostgreSQL loaded history ids would collide with those before loaddata resets sequences.
LOADER_MODELS = [
    "programme.Programme",
    "programme.Framework",
    "programme.FrameworkTag",
    "programme.ProgrammeNode",
    "pages.Page",
    "pages.AccessibilityStatement",
]


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID Connect provider on 127.0.0.1 (tests/oidc_provider): its issuer."""
    with running_provider(tmp_path_factory.mktemp("provider")) as issuer:
        yield issuer


@pytest.fixture
def sso_on(settings, oidc_provider):
    """Single sign-on configured with that provider, its group lkp-team mapped to the team."""
    settings.OIDC_ISSUER = oidc_provider
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "Testinloggning"
    settings.OIDC_GROUPS_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = {"lkp-team": "Livskvalitetsteamet"}
    return oidc_provider


@pytest.fixture(scope="session")
def programme_dumps(django_db_setup, django_db_blocker, tmp_path_factory):
    """The loader's output, made once per run with the real `load_programme` and kept as a
    dump: loading through the import pipeline costs about a second per test, loading the
    dump a tenth of that. Each is made in a transaction that is rolled back."""
    folder = tmp_path_factory.mktemp("programme")
    dumps = {}
    with django_db_blocker.unblock():
        for name, args in (("plain", []), ("examples", ["--with-examples"])):
            with transaction.atomic():
                call_command("load_programme", *args, stdout=io.StringIO())
                # Motala's programme beside Helsingborg's: the pages of a programme of one
                # level, with its own level names, are tested on the same site.
                call_command(
                    "load_programme", "--kit", "motala", "--programmes-only", stdout=io.StringIO()
                )
                dumps[name] = folder / f"{name}.json"
                call_command("dumpdata", *LOADER_MODELS, output=str(dumps[name]), verbosity=0)
                transaction.set_rollback(True)
    return dumps


@pytest.fixture
def loaded(db, programme_dumps):
    """The real programme, frameworks, pages and statement, as `make run` loads them."""
    call_command("loaddata", str(programme_dumps["plain"]), verbosity=0)


@pytest.fixture
def loaded_examples(db, programme_dumps):
    """The same with the example priorities, as `make run EXAMPLES=1` loads it."""
    call_command("loaddata", str(programme_dumps["examples"]), verbosity=0)


def pytest_collection_modifyitems(config, items):
    """Tests marked postgresql are skipped, with the reason shown, on other databases."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgresql" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def no_server_errors(request):
    """Any 5xx answered during a test fails it, even one the test does not look at (a
    page a browser test loads in passing, a view that catches its own error). A test
    about error pages says so with ``@pytest.mark.server_errors``."""
    handler = ServerErrors()
    loggers = [logging.getLogger(name) for name in ServerErrors.LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    yield
    for logger in loggers:
        logger.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("server_errors") is None:
        answered = "; ".join(record.getMessage() for record in handler.records[:5])
        pytest.fail(f"{len(handler.records)} server error(s) during the test: {answered}")
