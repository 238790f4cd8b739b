"""Django settings for Gongkai.

Everything that differs between machines comes from the environment:

- ``DATABASE_URL``: e.g. ``postgres://user@127.0.0.1:5432/gongkai``; SQLite under ``var/`` if unset.
- ``GONGKAI_ENV``: ``development`` (default) or ``production``. Production requires
  ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS`` and turns on every HTTPS protection, so that
  ``gongkai check --deploy`` is clean.
- ``GONGKAI_VAR_DIR``: where the SQLite database, media and collected static files live (``var/``).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai import backends

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))

ENV = os.environ.get("GONGKAI_ENV", "development")
PRODUCTION = ENV == "production"
if ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"GONGKAI_ENV must be 'development' or 'production', not {ENV!r}")


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


if PRODUCTION:
    try:
        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    except KeyError as exc:
        raise ImproperlyConfigured("Production needs DJANGO_SECRET_KEY in the environment") from exc
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs DJANGO_ALLOWED_HOSTS (comma-separated)")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
    ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"

INSTALLED_APPS = [
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.portal",
    "gongkai.applications",
    "gongkai.powers",
    "gongkai.reports",
    "gongkai.publishing",
    "gongkai.workrecords",
    "gongkai.ops",  # before django_tasks_db: its db_worker (with a heartbeat) replaces the library's
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # the templates of sitemap.xml (portal/views/site.py)
    "axes",
    "csp",
    "django_prometheus",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",  # first and last: requests and latencies
    "django.middleware.security.SecurityMiddleware",
    "gongkai.inputs.RejectHostileInputMiddleware",
    "gongkai.portal.page_cache.PortalPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.fetches.AdminFetchMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "gongkai.headers.CSPMiddleware",
    "gongkai.headers.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last of the request's middleware, as django-axes requires
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

if PRODUCTION:
    # Static files are served by the app servers themselves (compressed, cache-busted names).
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

# The caches (gongkai/cache.py): "default" counts the rate limits and keeps Wagtail's caches (site paths, renditions);
# "portal" keeps rendered public pages for anonymous visitors and the columns' data (portal/page_cache.py,
# publishing/columns.py). One machine: diskcache's SQLite files under var/, shared by its worker processes. Several
# machines: GONGKAI_REDIS_URL, shared by all of them (Django's own RedisCache; docs/operations.md says why).
REDIS_URL = os.environ.get("GONGKAI_REDIS_URL", "")
CACHES = backends.caches(
    VAR_DIR, REDIS_URL, portal_bytes=int(os.environ.get("GONGKAI_PORTAL_CACHE_MB", "512")) * 2**20
)
# Background work (DESIGN.md): django-tasks with the database backend; `gongkai db_worker` runs the tasks.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

PORTAL_CACHE_SECONDS = int(os.environ.get("GONGKAI_PORTAL_CACHE_SECONDS", "300"))

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# PostgreSQL for many nodes (backends.postgresql_options): GONGKAI_DB_POOL=N keeps a psycopg pool of up to N
# connections per process; GONGKAI_DB_STATEMENT_TIMEOUT_MS bounds each statement of the web processes (gunicorn,
# marked by gongkai/wsgi.py), never of migrations, workers or commands.
backends.postgresql_options(
    DATABASES["default"],
    pool=os.environ.get("GONGKAI_DB_POOL", ""),
    statement_timeout_ms=int(os.environ.get("GONGKAI_DB_STATEMENT_TIMEOUT_MS", "0") or 0)
    if os.environ.get("GONGKAI_PROCESS") == "web"
    else 0,
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; IMMEDIATE transactions take the write lock
    # up front so concurrent writers queue (busy timeout) instead of failing with "database is locked".
    # Connections persist like PostgreSQL's: a new one per request would read the whole schema again.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Chinese for everyone whatever the browser asks (no LocaleMiddleware: an English browser got an English admin);
# a staff member may choose English in their own account settings (WAGTAILADMIN_PERMITTED_LANGUAGES).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
# Completes Wagtail's zh-hans catalogue (its admin shows strings its own catalogue lacks); takes precedence over
# the apps' catalogues. The .po and its compiled .mo are both in the repository (tests/publishing/test_admin_language.py).
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Files (gongkai/storage.py): the local disk, or an S3-protocol bucket with GONGKAI_S3_BUCKET (backends.storages()).
STORAGES = backends.storages(
    os.environ,
    static_backend=(
        "gongkai.storage.StaticFiles"  # whitenoise's manifest storage, each URL worked out once
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    ),
)
S3_STORAGE = STORAGES["default"]["BACKEND"] == backends.S3_BACKEND
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20  # Django answers 400 beyond this, before any form sees the files

# Applications (依申请公开): attachments, the submission rate limit, the daily due notices; see
# docs/applications-intake.md. Attachments are private files, never under MEDIA_URL.
PRIVATE_MEDIA_ROOT = os.environ.get("GONGKAI_PRIVATE_DIR", "")  # empty: var/private next to MEDIA_ROOT
GONGKAI_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
GONGKAI_ATTACHMENT_MAX_FILES = 3
GONGKAI_ATTACHMENT_MAX_PIXELS = 40_000_000  # an A4 page scanned at 600 dpi is 35 million
GONGKAI_SUBMISSION_LIMIT = int(os.environ.get("GONGKAI_SUBMISSION_LIMIT", "5"))
GONGKAI_SUBMISSION_WINDOW_SECONDS = int(os.environ.get("GONGKAI_SUBMISSION_WINDOW_SECONDS", "600"))
# Every attempt (refused ones too) counts here, before any field or file is examined.
GONGKAI_SUBMISSION_ATTEMPT_LIMIT = int(os.environ.get("GONGKAI_SUBMISSION_ATTEMPT_LIMIT", "20"))
# The public's lookups by number + query code (applications and feedback): wrong codes per client and per number.
GONGKAI_LOOKUP_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOOKUP_FAILURE_LIMIT", "5"))
GONGKAI_LOOKUP_WINDOW_SECONDS = int(os.environ.get("GONGKAI_LOOKUP_WINDOW_SECONDS", "900"))
# Feedback and complaints from the public, per client address.
GONGKAI_FEEDBACK_LIMIT = int(os.environ.get("GONGKAI_FEEDBACK_LIMIT", "5"))
GONGKAI_FEEDBACK_WINDOW_SECONDS = int(os.environ.get("GONGKAI_FEEDBACK_WINDOW_SECONDS", "3600"))
# A case is "due soon" with at most this many working days left: on the case list, the dashboard and in the e-mails.
GONGKAI_DUE_SOON_WORKDAYS = int(os.environ.get("GONGKAI_DUE_SOON_WORKDAYS", "3"))
# An online application still unconfirmed this many working days after submission is reminded of (no legal period).
GONGKAI_UNCONFIRMED_REMIND_WORKDAYS = int(os.environ.get("GONGKAI_UNCONFIRMED_REMIND_WORKDAYS", "3"))
# The applicant's SMS notices go through this class (`send(to, text)`); the default only logs (no gateway).
GONGKAI_SMS_BACKEND = os.environ.get("GONGKAI_SMS_BACKEND", "gongkai.applications.notices.LogSmsBackend")
# At most this many rows in one XLSX ledger export (applications, decisions, appeal cases); more asks for filters.
GONGKAI_LEDGER_MAX_ROWS = int(os.environ.get("GONGKAI_LEDGER_MAX_ROWS", "20000"))
# How many reverse proxies of ours stand in front (throttles then read X-Forwarded-For; see gongkai/clients.py).
GONGKAI_TRUSTED_PROXIES = int(os.environ.get("GONGKAI_TRUSTED_PROXIES", "0"))
# Operations (gongkai/ops): /readyz wants a db_worker heartbeat this recent; /metrics wants this bearer token (or,
# without one, a direct request from the loopback).
GONGKAI_WORKER_HEARTBEAT_SECONDS = int(os.environ.get("GONGKAI_WORKER_HEARTBEAT_SECONDS", "60"))
GONGKAI_METRICS_TOKEN = os.environ.get("GONGKAI_METRICS_TOKEN", "")
PROMETHEUS_EXPORT_MIGRATIONS = False
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "gongkai@localhost")

WAGTAIL_SITE_NAME = "公开"
# No English banners about Wagtail's releases on the staff side, and no calls home from an agency's network.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]  # the account page's choice; one time zone for the platform
WAGTAILADMIN_USER_LOGIN_FORM = "gongkai.publishing.login_form.LoginForm"
WAGTAILADMIN_BASE_URL = os.environ.get("GONGKAI_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The attachment rule (publishing/attachments.py, docs/publishing.md): these types, checked by content, one limit.
WAGTAILDOCS_EXTENSIONS = ["pdf", "ofd", "docx", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "gongkai.publishing.document_forms.CheckedDocumentForm"
# Documents and renditions are served by views that decide who may see them (publishing/files.py), never from
# MEDIA_URL (which no web server may publish).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_RENDITION_STORAGE = (
    "gongkai.storage.RenditionStorage" if S3_STORAGE else "gongkai.publishing.files.RenditionStorage"
)
# The sign-off chain's last approval publishes the item (publishing/finish.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "gongkai.publishing.finish.publish_signed_off"
# What the work records' evaluation and 社会评议 read from rooms workrecords may not import (workrecords/sources.py).
GONGKAI_REPORT_RECORD = "gongkai.reports.evaluated.report_record"
GONGKAI_FEEDBACK_ENTRIES = "gongkai.portal.feedback.year_entries"

SESSION_COOKIE_HTTPONLY = True
# gongkai/headers.py: scripts from the site only (the admin also allows Wagtail's inline scripts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Sessions end after this much idleness (every request renews the cookie): 2 hours unless configured.
SESSION_COOKIE_AGE = int(os.environ.get("GONGKAI_SESSION_IDLE_SECONDS", str(2 * 3600)))
SESSION_SAVE_EVERY_REQUEST = True

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account from one address, that
# pair is locked for AXES_COOLOFF_TIME hours; the refusal is `gongkai.logins.locked_out` (HTTP 429, Chinese).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("GONGKAI_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "gongkai.logins.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gongkai.clients.client_address"  # the same address rule as the rate limits
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("GONGKAI_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "gongkai.logging.RedactPersonalData"}},
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
        # GONGKAI_LOG_FORMAT=json: one JSON object a line (gunicorn's logs too, gongkai/ops/gunicorn.py)
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact"],
            "formatter": "json" if os.environ.get("GONGKAI_LOG_FORMAT") == "json" else "plain",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {
        # The development server logs every request line; keep it, but through the redacting filter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django_tasks": {"level": "WARNING"},
    },
}
