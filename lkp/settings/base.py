"""Settings shared by every environment, read from a typed environment schema.

Each variable is documented in .env.example. dev.py, test.py and production.py stay thin.
"""

from pathlib import Path
from urllib.parse import urlparse

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from core import kits

BASE_DIR = Path(__file__).resolve().parent.parent.parent

if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

# The municipality kit (data/kits/<name>/) the site is set up from: its identity, words,
# departments, programmes, frameworks and pages (core.kits). Its names are the defaults of
# SITE_NAME, ORGANISATION_NAME and DEFAULT_FROM_EMAIL.
MUNICIPALITY = environ.Env().str("MUNICIPALITY", default=kits.DEFAULT)
_kit = kits.site_defaults(MUNICIPALITY)

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    DATABASE_POOL_MIN_SIZE=(int, 1),
    DATABASE_POOL_MAX_SIZE=(int, 1),
    DATABASE_POOL_TIMEOUT=(float, 5.0),
    SITE_NAME=(str, _kit.get("site_name") or ""),
    ORGANISATION_NAME=(str, _kit.get("organisation") or ""),
    DEFAULT_FROM_EMAIL=(str, _kit.get("from_email") or "webmaster@localhost"),
)

# A secret has no default here: dev.py and test.py set one, production must be given one.
SECRET_KEY = env.str("SECRET_KEY")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # the stored search documents' field (search/models.py)
    "treebeard",
    "import_export",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    # The task worker (`manage.py worker`): heartbeats, time limits, lost tasks recovered.
    "worker",
    "programme",
    "pages",
    "ambassadors",
    "jobs",
    "notifications",
    "initiatives",
    "keyfigures",
    "prioritisation",
    "followup",
    # After followup: its admin extends the round's page with the exports.
    "annualreport",
    "encyclopedia",
    "goals",
    "portal",
    "kits",
    "search",
    "api",
    "accounts",
]

MIDDLEWARE = [
    # First: every log line of a request carries its id (core/logs.py).
    "core.logs.RequestIdMiddleware",
    # /healthz and /readyz, for probes at the machine's own address (no Host check, no HTTPS).
    "core.middleware.HealthProbes",
    "django.middleware.security.SecurityMiddleware",
    # NUL bytes and out-of-range numbers are a 400 here, before any view or the database.
    "core.middleware.RejectUnstorableInput",
    # ETag and 304 for the open-data API (api/middleware.py).
    "api.middleware.ConditionalApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stored public pages are served from here, before sessions and the view (see its doc).
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The open-data API answers in the language of Accept-Language (api/middleware.py).
    "api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Logins end after 12 hours, staff sessions after 30 idle minutes (accounts.sessions).
    "accounts.sessions.SessionLimitsMiddleware",
    # Staff show a second factor before the admin (accounts.mfa, django-otp).
    "django_otp.middleware.OTPMiddleware",
    "accounts.mfa.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Every login (the admin's and any later form that calls authenticate() with the request)
# goes through django-axes first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (accounts.sso): answers only the provider's callback, and only when
    # OIDC_ISSUER is set.
    "accounts.sso.SignOnBackend",
]
# Lock a username from one address after repeated failures, for an hour; a success resets.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# The client's address: REMOTE_ADDR, or behind N trusted proxies the address they put in
# X-Forwarded-For (never trusted without them, or a client could pick its own address).
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Content-Security-Policy: only this site's own files, and inline code only with the
# per-request nonce. The public pages have no inline code at all; Django 6.1's admin
# puts the nonce on its own script and style tags.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    # Violations are reported to core.views.csp_report and logged (without personal data).
    "report-uri": ["/csp-report"],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

ROOT_URLCONF = "lkp.urls"
WSGI_APPLICATION = "lkp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "core.context_processors.site",
                "pages.context_processors.site_identity",
                "pages.context_processors.navigation",
                "programme.context_processors.current_programme",
                "accounts.context_processors.account",
            ],
        },
    },
]

# Forms render Django's own widget templates through Jinja2 (see core/renderers.py).
FORM_RENDERER = "core.renderers.FormRenderer"


def database_settings(url: str) -> dict:
    """Django's DATABASES entry for a DATABASE_URL; SQLite when the URL is empty."""
    if not url:
        url = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Django's own psycopg pool; it requires persistent connections off. With health
        # checks on, Django has the pool test a connection before lending it, so the portal
        # recovers by itself once the database is back. The timeout bounds how long a request
        # waits while it is down (it then answers 503, see core.views.server_error).
        config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env("DATABASE_POOL_MIN_SIZE"),
            "max_size": env("DATABASE_POOL_MAX_SIZE"),
            "timeout": env("DATABASE_POOL_TIMEOUT"),
        }
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction starts, which
        # serialises tree writes on SQLite as the advisory lock does on PostgreSQL.
        config.setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    return config


DATABASES = {"default": database_settings(env.str("DATABASE_URL", default=""))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
# After the login, each person lands where their work is (accounts.views.landing).
LOGIN_REDIRECT_URL = "account-landing"
LOGOUT_REDIRECT_URL = "logged-out"

# The cache must be shared by every app process: it holds rendered pages (invalidated on
# every edit) and import previews awaiting confirmation. The database cache needs no server
# (`manage.py createcachetable`); redis://host:6379/0 uses Django's Redis backend.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://lkp_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "core.cache.RedisCache"  # one client per pool, see there
# Sessions live in the database (shared by all processes); with Redis as the cache,
# SESSION_ENGINE=accounts.session_store (Django's cached_db, made to keep working while the
# cache is down; asking for cached_db gets it) spares most session reads, each cached for
# at most SESSION_CACHE_SECONDS.
SESSION_ENGINE = env.str("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
if SESSION_ENGINE == "django.contrib.sessions.backends.cached_db":
    SESSION_ENGINE = "accounts.session_store"
SESSION_CACHE_SECONDS = env.int("SESSION_CACHE_SECONDS", default=300)
# A login lasts at most 12 hours, and a staff session 30 minutes without a request
# (accounts.sessions, OWASP ASVS V3.3).
SESSION_COOKIE_AGE = SESSION_MAX_AGE = env.int("SESSION_MAX_AGE", default=12 * 3600)
STAFF_IDLE_SECONDS = env.int("STAFF_IDLE_SECONDS", default=30 * 60)
# Staff need a second factor for the admin (accounts.mfa). The waiver is for the example
# accounts in development; it works only with DEBUG, and `check --deploy` refuses it.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)
MFA_WAIVED_USERNAMES = env.list("MFA_WAIVED_USERNAMES", default=[])

# Single sign-on with the municipality's identity provider through OpenID Connect
# (accounts.sso, mozilla-django-oidc); off while OIDC_ISSUER is empty. The endpoints come
# from the issuer's discovery document unless OIDC_OP_*_ENDPOINT names them.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
OIDC_EMAIL_CLAIM = env.str("OIDC_EMAIL_CLAIM", default="email")
# The claim that says the address is the person's; empty for a provider whose address claim
# is the organisation's own directory (Entra ID's work accounts send no email_verified).
OIDC_EMAIL_VERIFIED_CLAIM = env.str("OIDC_EMAIL_VERIFIED_CLAIM", default="email_verified")
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="")
# group=Role pairs, comma-separated: OIDC_ROLE_MAP=lkp-team=Livskvalitetsteamet,lkp-sg=Styrgrupp
OIDC_ROLE_MAP = env.dict("OIDC_ROLE_MAP", default={})
# The ID token's `amr` values (RFC 8176) that mean the provider asked for a second factor.
OIDC_MFA_AMR = env.list("OIDC_MFA_AMR", default=["mfa"])
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10.0)
OIDC_CLOCK_LEEWAY = 60  # seconds of clock difference accepted on the ID token's times
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "sso-callback"
# Whole public pages are cached for visitors without a session (core.page_cache) and
# replaced when what they show changes; 0 turns the page cache off. After an edit, a stored
# page is still served for at most PAGE_CACHE_STALE_SECONDS after the edit while the
# worker renders it again; after that it is rendered in the request. This is the bound
# within which every visitor sees an edit (0: at once, always rendered in the request).
# Each process asks the shared cache whether anything changed at most once per
# PAGE_CACHE_CHECK_SECONDS (its own edits it knows at once): a hit then costs no round trip.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
PAGE_CACHE_STALE_SECONDS = env.float("PAGE_CACHE_STALE_SECONDS", default=5.0)
PAGE_CACHE_CHECK_SECONDS = env.float("PAGE_CACHE_CHECK_SECONDS", default=0.1)
# False keeps only the fragments (parts of pages, core.page_cache.fragment) and renders every
# page: how a page costs for logged-in people, measured by bench/run.py's cold mode.
PAGE_CACHE_WHOLE_PAGES = env.bool("PAGE_CACHE_WHOLE_PAGES", default=True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# The project's own catalogue first; then Swedish for libraries that ship none
# (locale/libraries: outside every source folder, so `make messages` leaves it be).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "libraries"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by whitenoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def mailer_settings(url: str) -> dict:
    """Django 6.1's MAILERS entry for an EMAIL_URL (django-environ parses the URL)."""
    config = environ.Env.email_url_config(url)
    options = {
        "host": config.get("EMAIL_HOST"),
        "port": config.get("EMAIL_PORT"),
        "username": config.get("EMAIL_HOST_USER"),
        "password": config.get("EMAIL_HOST_PASSWORD"),
        "use_tls": config.get("EMAIL_USE_TLS"),
        "use_ssl": config.get("EMAIL_USE_SSL"),
        # django-environ drops the leading "/" of filemail:///var/mail: take the URL's path.
        "file_path": urlparse(url).path if url.startswith("filemail:") else None,
    }
    backend = config["EMAIL_BACKEND"]
    if backend == "django.core.mail.backends.console.EmailBackend":
        backend = "notifications.console.EmailBackend"  # the text as a person reads it
    return {
        "BACKEND": backend,
        "OPTIONS": {key: value for key, value in options.items() if value not in (None, "")},
    }


MAILERS = {"default": mailer_settings(env.str("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

SITE_NAME = env("SITE_NAME")
# The name an authenticator app shows beside the staff's codes.
OTP_TOTP_ISSUER = SITE_NAME
# The release being served (a version or a commit): part of every stored page's key, so that
# pages rendered by the previous release are never served by this one. `release_check` asks
# for it in production.
RELEASE = env.str("RELEASE", default="") or "dev"
# The address the portal is reached at, for the links in its e-mails (no request there).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Background work: tasks are kept in the portal's own database and run by
# `manage.py worker` (`make run` starts one; docs/operations.md shows the production unit).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Each worker renews its heartbeat this often; a running task whose worker has not beaten
# for WORKER_LOST_AFTER_SECONDS is queued again (TASK_ATTEMPTS runs in all, then failed and
# its job's requester told). A task running longer than TASK_TIME_LIMIT_SECONDS is stopped
# (0: no limit). worker/services.py, docs/operations.md.
WORKER_HEARTBEAT_SECONDS = env.float("WORKER_HEARTBEAT_SECONDS", default=10.0)
WORKER_LOST_AFTER_SECONDS = env.float("WORKER_LOST_AFTER_SECONDS", default=60.0)
TASK_TIME_LIMIT_SECONDS = env.float("TASK_TIME_LIMIT_SECONDS", default=1800.0)
TASK_ATTEMPTS = env.int("TASK_ATTEMPTS", default=3)
# A failed e-mail is tried again after 1, 5, 30 minutes, 2 and 12 hours, then left failed.
NOTIFICATION_RETRY_MINUTES = [1, 5, 30, 120, 720]
# Where the worker writes the files it builds (annual exports); served only to the team.
# A complete year's annual report PDF is built again this long after an edit to what it
# shows, and whenever `manage.py daily` runs (annualreport.publishing); None: only when the
# team asks (the variable set to "off").
_check_delay = env("ANNUAL_REPORT_CHECK_DELAY_SECONDS", default="30")
ANNUAL_REPORT_CHECK_DELAY_SECONDS = None if _check_delay == "off" else int(_check_delay)
PRIVATE_FILES_ROOT = env.path("PRIVATE_FILES_ROOT", default=BASE_DIR / "var" / "files")
ORGANISATION_NAME = env("ORGANISATION_NAME")

# django-import-export: own permissions for import and export, whole-file transactions,
# and a temporary storage that any app process can read (the default temp folder is
# per machine, so a preview and its confirm could land on different processes).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
# Formula escaping is done by core.resources for every dangerous prefix, not just '='.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# A revert would restore stale treebeard paths; history is for reading.
SIMPLE_HISTORY_REVERT_DISABLED = True

# One format everywhere (core/logs.py): time, level, logger, request id, message; JSON lines
# with LOG_FORMAT=json. Everything goes to stderr, for journald or the container runtime.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        },
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # The task worker adds a handler of its own unless its loggers propagate to one.
    "loggers": {"django_tasks_db": {"level": "INFO"}, "django.tasks": {"level": "INFO"}},
}
# Login attempts are logged by axes at WARNING only; its per-request INFO lines are noise.
AXES_VERBOSE = False

# The open-data API (/api/v1/): read-only and anonymous; no session, so no personal data
# can depend on who asks. JSON, or CSV with ?format=csv.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.renderers.CSVRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.ClientRateThrottle"],
}
# Requests per client address: the API (DRF's rate syntax) and the search page (a minute).
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="300/minute")
SEARCH_THROTTLE_PER_MINUTE = env.int("SEARCH_THROTTLE_PER_MINUTE", default=60)
# Password-reset requests per client address and hour (logins are throttled by axes).
PASSWORD_RESET_THROTTLE_PER_HOUR = env.int("PASSWORD_RESET_THROTTLE_PER_HOUR", default=10)

# Kolada's open API (followup/kolada.py): tries, backoff and the read timeout per page.
KOLADA_API = env.str("KOLADA_API", default="https://api.kolada.se/v2").rstrip("/")
KOLADA_RETRIES = env.int("KOLADA_RETRIES", default=5)
KOLADA_BACKOFF_SECONDS = env.float("KOLADA_BACKOFF_SECONDS", default=2.0)
KOLADA_TIMEOUT_SECONDS = env.float("KOLADA_TIMEOUT_SECONDS", default=60.0)
SPECTACULAR_SETTINGS = {
    "TITLE": "Livskvalitetsprogrammet – öppna data",
    "DESCRIPTION": (
        "Read-only open data of the quality-of-life programme: the programme and its tree, "
        "published initiatives and knowledge entries, approved follow-up scores and key "
        "figures, the departments and the goals register. Licence: CC0 1.0 for the "
        "programme's own data. No personal data."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "InitiativeStatusEnum": "initiatives.models.Initiative.Status",
        "ProgrammeStatusEnum": "programme.models.Programme.Status",
        "DepartmentKindEnum": "ambassadors.models.Department.Kind",
    },
    "LICENSE": {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"},
}
