"""Local development: DEBUG on, an insecure key, SQLite unless DATABASE_URL says otherwise."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
# Template changes show at once while developing (set it to try the page cache).
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# The example team account (make run EXAMPLES=1, README) reaches the admin without a second
# factor; any other staff account enrols one. DEBUG only; `check --deploy` refuses it.
os.environ.setdefault("MFA_WAIVED_USERNAMES", "team")

from .base import *  # noqa: E402, F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
