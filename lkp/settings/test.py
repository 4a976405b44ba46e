"""Test runs: fast hashing, no manifest (live-server pages stay styled), local cache."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - tests only
# A local cache unless told otherwise (the multi-process tests start servers with a shared one).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Serve static files from the finders, without the manifest, so live-server pages are styled.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
