"""Local development: DEBUG on, an insecure key, SQLite unless DATABASE_URL says otherwise."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")

from .base import *  # noqa: E402, F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
