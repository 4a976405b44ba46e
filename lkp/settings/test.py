"""Test runs: fast hashing, no manifest (live-server pages stay styled), local cache."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - tests only
# A local cache unless told otherwise (the multi-process tests start servers with a shared one).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# Tasks run at once, inside the test; tests/core/test_worker.py starts a real worker
# (LKP_DATABASE_TASKS=1) on the database backend of base.py.
if not env.bool("LKP_DATABASE_TASKS", default=False):
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Tests of the annual report's own builds turn them on (tests/annualreport).
ANNUAL_REPORT_CHECK_DELAY_SECONDS = None
PRIVATE_FILES_ROOT = os.environ.get("PRIVATE_FILES_ROOT") or tempfile.mkdtemp(prefix="lkp-test-")
# Mail is kept in memory (django.core.mail.outbox) unless a worker is told where to write it.
if "EMAIL_URL" not in os.environ:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Serve static files from the finders, without the manifest, so live-server pages are styled.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Throttles stay out of the way of tests that send many requests (tests/core/test_operations.py
# lowers them to test them).
API_THROTTLE_RATE = "100000/minute"
SEARCH_THROTTLE_PER_MINUTE = 100000
PASSWORD_RESET_THROTTLE_PER_HOUR = 100000
# The second factor is tested on purpose (tests/accounts/test_second_factor.py); the other
# tests log staff in with force_login.
MFA_REQUIRED = False
# The page cache is off unless a test turns it on (the page_cache_on fixture): an edit is
# written to it when its transaction commits, which a test's own transaction never does.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
PAGE_CACHE_STALE_SECONDS = env.float("PAGE_CACHE_STALE_SECONDS", default=0)
# Every lookup asks the shared cache, so that a test sees another process's change at once.
PAGE_CACHE_CHECK_SECONDS = env.float("PAGE_CACHE_CHECK_SECONDS", default=0)
# A moderated type that exists only in the tests, on the shared kit (tests/kit_example),
# with its own migration (an app without migrations cannot point at migrated ones).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.kit_example"]  # noqa: F405
# The tests use several connections in one process (threads, the test database's set-up):
# the pool is larger than production's one per sync worker unless the test sets it.
if "pool" in DATABASES["default"].get("OPTIONS", {}):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["pool"]["max_size"] = env.int(  # noqa: F405
        "DATABASE_POOL_MAX_SIZE", default=10
    )
