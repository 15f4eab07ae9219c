"""
Folio's settings: one module, configured only through environment variables.

Every variable has a default that is safe for `make run`; see the configuration table in
README.md. Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and CACHE_URL.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-folio-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env("SITE_NAME", "The Meridian Center for Policy Studies")
SUPPORT_URL = env("SUPPORT_URL", "/support/")

INSTALLED_APPS = [
    "core.apps.FolioAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    # django-taggit, named "Topics" in the admin (its label and tables stay taggit's).
    "blog.apps.TopicsConfig",
    "axes",
    "django_prose_editor",
    # Folio's apps, each importing only those below it (import-linter holds the layers).
    "core",
    "programs",
    "people",
    "blog",
    "wordpress",
    "devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.security.MalformedQueryMiddleware",
    # WordPress addresses of imported posts answer 301, before the page cache sees them.
    "wordpress.middleware.OldAddressMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.cache.PublicPageCacheMiddleware",
    "core.languages.SiteLanguageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security.DatabaseUnavailableMiddleware",
    # Turns an account's lockout into the sign-in page saying so (429).
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out account before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After signing in without a safe `next`, editors land on the admin's index.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    },
]


# Database: DATABASE_URL, SQLite by default. PostgreSQL goes through psycopg 3 with
# Django's connection pool; its timeout stays below a worker's request timeout so a
# stalled database answers 503 instead of hanging the worker.
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
_database = dj_database_url.parse(DATABASE_URL, conn_max_age=0)
if _database["ENGINE"] == "django.db.backends.postgresql":
    _database.setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(env("DATABASE_POOL_MIN", "1")),
        "max_size": int(env("DATABASE_POOL_MAX", "10")),
        "timeout": float(env("DATABASE_POOL_TIMEOUT", "5")),
    }
elif _database["ENGINE"] == "django.db.backends.sqlite3":
    # A file needs no pool: each worker thread keeps its connection rather than opening
    # the file and setting its pragmas again on every request.
    _database["CONN_MAX_AGE"] = None
    _database["CONN_HEALTH_CHECKS"] = True
    # WAL lets readers go on while an editor saves; IMMEDIATE avoids "database is locked"
    # when two writers start a transaction at once.
    _database.setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url):
    """Translate CACHE_URL (locmem://, redis://host:port/db, dummy://) to a CACHES entry."""
    scheme = urlsplit(url).scheme
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "folio"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "folio"),
        }
    raise ImproperlyConfigured(
        f"CACHE_URL scheme {scheme!r} is not supported; use locmem://, redis:// or dummy://."
    )


CACHES = {"default": cache_from_url(env("CACHE_URL", "locmem://"))}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The languages posts are written in, as BCP 47 codes (Ukrainian is “uk”); the first is
# the default: the language of the site's own pages and its admin. LANGUAGES="en,ru,uk,de"
# adds one. A post's page speaks its post's language, a listing narrowed by ?lang= that
# language (core.languages.SiteLanguageMiddleware); the words come from LOCALE_PATHS.
LANGUAGES = [
    (code, LANG_INFO[code]["name"] if code in LANG_INFO else code)
    for code in env("LANGUAGES", "en,ru,uk").replace(" ", "").split(",")
    if code
]
LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them (“December 1, 2026”, “1 декабря 2026”).
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = env("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = env("MEDIA_URL", "/media/")

STORAGES = {
    # Uploaded media: the file system by default (MEDIA_ROOT, shared between machines by
    # NFS or similar), or any Django storage, e.g. an S3-compatible bucket with
    # MEDIA_STORAGE=storages.backends.s3.S3Storage (django-storages, configured by its own
    # AWS_* variables).
    "default": {"BACKEND": env("MEDIA_STORAGE", "core.storage.MediaStorage")},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

TAGGIT_CASE_INSENSITIVE = True
# Topics are separated by commas only (a topic may contain spaces) and shown in the order
# they were added, never quoted: see blog/topics.py.
TAGGIT_TAGS_FROM_STRING = "blog.topics.parse_topics"
TAGGIT_STRING_FROM_TAGS = "blog.topics.format_topics"

# Uploads larger than this are written to a temporary file instead of held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# How long a review link for an outside reviewer works, unless revoked sooner.
REVIEW_LINK_DAYS = int(env("REVIEW_LINK_DAYS", "7"))

# Uploaded images: larger files or pixel counts are refused with a message.
IMAGE_MAX_UPLOAD_BYTES = int(env("IMAGE_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
IMAGE_MAX_PIXELS = int(env("IMAGE_MAX_PIXELS", str(40_000_000)))

# Feeds carry each post's full text when on, else its summary.
FEED_FULL_TEXT = env_bool("FEED_FULL_TEXT", False)

# Readers' pages are cached whole for at most this many seconds (0 turns it off); any
# edit makes them old at once, and none outlives the next scheduled publication.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))

# Security. Behind TLS (production) set SECURE_SSL_REDIRECT=1: cookies become secure and
# `manage.py check --deploy` passes. Behind a proxy that terminates TLS, also set
# SECURE_PROXY_SSL_HEADER=1 so Django trusts its X-Forwarded-Proto header.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))  # sent over HTTPS only
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cookies travel over HTTPS only whenever DEBUG is off; SECURE_COOKIES=0 allows them over
# plain HTTP (a site reached only on a private network, without TLS).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

# Admin sign-in: after this many failures an account, or an address, waits. django-axes
# keeps the count in the database (shared by every worker and server); it reads these
# settings through config/admin.py.
LOGIN_FAILURES_PER_ACCOUNT = int(env("LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_ADDRESS = int(env("LOGIN_FAILURES_PER_ADDRESS", "20"))
LOGIN_LOCKOUT_SECONDS = int(env("LOGIN_LOCKOUT_SECONDS", "900"))
# How many reverse proxies in front of Folio append to X-Forwarded-For; the client's address
# is read from the one furthest out (config/security.py: client_address).
TRUSTED_PROXIES = int(env("TRUSTED_PROXIES", "0"))

AXES_LOCKOUT_PARAMETERS = ["username"]  # the per-address limit is core.sites'
AXES_FAILURE_LIMIT = "core.sites.failures_per_account"
AXES_COOLOFF_TIME = "core.sites.lockout_period"
AXES_USERNAME_CALLABLE = "core.sites.normalized_username"
AXES_CLIENT_IP_CALLABLE = "core.security.client_address"
AXES_LOCKOUT_CALLABLE = "core.sites.limited_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# axes.W006 asks for `ip_address` among axes' lockout parameters; the per-address limit is
# core.sites' own, with its own number, and off for an address that cannot be told.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
