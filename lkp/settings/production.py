"""Production: every secret from the environment, HTTPS only, hashed and compressed static files."""

from core.monitoring import init_sentry

from .base import *  # noqa: F403
from .base import RELEASE, STORAGES, env, mailer_settings

DEBUG = False

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Mail must really leave in production: an SMTP URL, no default.
MAILERS = {"default": mailer_settings(env.str("EMAIL_URL"))}

# Error reporting when SENTRY_DSN is set (core/monitoring.py: no personal data is sent).
init_sentry(
    env.str("SENTRY_DSN", default=""),
    release=RELEASE,
    environment=env.str("SENTRY_ENVIRONMENT", default="production"),
    traces=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)
