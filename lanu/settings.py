"""Lanu's settings: one file, driven by environment variables (see .env.example).

With no environment at all, Lanu runs in development mode on a SQLite database
inside the checkout.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - never used in production
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "lanu.plans",
    "lanu.accounts",
    "lanu.history",
    "lanu.importers",
    "lanu.followup",
    "lanu.indicators",
    "lanu.yearclock",
    "lanu.voice",
    "lanu.search",
    "lanu.reports",
    "lanu.backup",
    "lanu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lanu.lib.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lanu.plans.middleware.HiddenPlanMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "lanu.urls"
WSGI_APPLICATION = "lanu.wsgi.application"

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
                "lanu.plans.context_processors.language_links",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,  # a kept connection the database closed is replaced, not used
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # BEGIN IMMEDIATE: a saving transaction waits for the write lock instead of failing.
    # The test database is a file: SQLite's shared in-memory database locks whole
    # tables and does not wait, so concurrent saves there fail instead of queueing.
    # WAL: readers are never locked out by a writer, even one importing for a minute;
    # synchronous=NORMAL is safe with WAL (a power cut may lose the last commits, never
    # corrupts) and spares a disk flush at every commit.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
    # One file per test process, so that two test runs in one checkout do not collide.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f"test-db-{os.getpid()}.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's price of reading a row by index. PostgreSQL's default, 4, is for
    # spinning disks: with the whole country loaded it reads all 180,000 metrics or sub-goal
    # links to pick one plan's 2,000 (50-130 ms a query) instead of using the index (2-14 ms;
    # bench/national.py). 1.1 is the usual value for SSDs and tables held in memory.
    RANDOM_PAGE_COST = os.environ.get("PG_RANDOM_PAGE_COST", "1.1")
    if RANDOM_PAGE_COST:
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c random_page_cost={RANDOM_PAGE_COST}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["lanu.accounts.backends.UsernameOrEmailBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plans:list"
LOGOUT_REDIRECT_URL = "plans:list"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A municipality's own Word template for the reports (lanu/reports/word.py): a path, or empty.
REPORT_DOCX_TEMPLATE = os.environ.get("REPORT_DOCX_TEMPLATE", "")

# THL's indicator bank, read by fetch-sotkanet (lanu/indicators).
SOTKANET_API_URL = os.environ.get("SOTKANET_API_URL", "https://sotkanet.fi/rest/1.1")

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lanu@localhost")

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
WHITENOISE_USE_FINDERS = DEBUG  # development serves static/ directly, no collectstatic
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: nothing over 20 MB is read (importers refuse it with a message first).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields other than files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_HTTPS_PROXY", False):  # the proxy sets X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The header in which the proxy passes the client's address (nginx: X-Real-IP), as
# request.META names it; failed logins are counted per client address.
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "")
# Where the cache lives: the feedback forms' flood limits (lanu/voice/throttling.py) and
# the plan page's overlap count (lanu/search/overlaps.py). "memory": each process its
# own (development, tests); "database": the table lanu_cache in DATABASE_URL, shared by
# every gunicorn process (production: run `python -m lanu createcachetable` once).
CACHE_BACKENDS = {
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lanu_cache",
    },
}
CACHE = os.environ.get("CACHE", "memory")
if CACHE not in CACHE_BACKENDS:
    raise RuntimeError(f"CACHE must be memory or database, not {CACHE!r}.")
CACHES = {"default": CACHE_BACKENDS[CACHE]}
# Answers to a feedback form are counted per form and per client for a window of
# seconds (lanu/voice/throttling.py, in the cache): a whole class may answer from one
# school's address, so the client's limit is generous.
VOICE_THROTTLE_WINDOW = int(os.environ.get("VOICE_THROTTLE_WINDOW", "600"))
VOICE_THROTTLE_PER_CLIENT = int(os.environ.get("VOICE_THROTTLE_PER_CLIENT", "60"))
VOICE_THROTTLE_PER_FORM = int(os.environ.get("VOICE_THROTTLE_PER_FORM", "600"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # pdfminer warns of every oddity of a broken PDF (hundreds of lines for one upload);
    # the person is told the file is damaged, and the server's log is kept for its own.
    "loggers": {"pdfminer": {"level": "ERROR"}},
}
