"""Kalm settings: everything comes from the environment, with safe defaults.

See docs/operations.md for the full list of variables.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from kalm.core.env import (
    SQLITE_CONNECTION,
    SQLITE_OPTIONS,
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_database_url,
)

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("KALM_VAR_DIR", str(BASE_DIR / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    # Generated once and kept under var/ so sessions and signed links survive restarts.
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    # Before huey.contrib.djhuey: its run_huey command takes the place of huey's
    # (kalm/core/management/commands/run_huey.py: models loaded before worker processes fork).
    "kalm.core",
    "huey.contrib.djhuey",
    "kalm.accounts",
    "kalm.consumers",
    "kalm.cases",
    "kalm.dossier",
    "kalm.portal",
    "kalm.desk",
    "kalm.channels",
    "kalm.chat",
    "kalm.webhooks",
    "kalm.api",
    "kalm.empathy",
    "kalm.sla",
    "kalm.followups",
    "kalm.replies",
    "kalm.bursts",
    "kalm.crisis",
    "kalm.drills",
    "kalm.kb",
    "kalm.assistant",
    "kalm.surveys",
    "kalm.insights",
    "kalm.churn",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kalm.urls"
WSGI_APPLICATION = "kalm.wsgi.application"
ASGI_APPLICATION = "kalm.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kalm.core.context_processors.kalm",
                "kalm.drills.context_processors.drill",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": parse_database_url(_database_url)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "kalm.core.sqlite",
            "NAME": VAR_DIR / "kalm.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
            **SQLITE_CONNECTION,
            "TEST": {"NAME": None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "desk:login"
LOGIN_REDIRECT_URL = "desk:inbox"
LOGOUT_REDIRECT_URL = "desk:login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env_str("KALM_MEDIA_DIR", str(VAR_DIR / "media")))
# Evidence is never served from a public URL: every download goes through an access check.
MEDIA_URL = "/media-not-public/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("KALM_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Evidence, avatars and logos in an S3-compatible bucket instead of MEDIA_ROOT: every web process
# and worker then sees every file without a shared filesystem. Needs the optional extra
# `kalm[s3]` (django-storages with boto3), imported only when a bucket is configured.
KALM_S3_BUCKET = env_str("KALM_S3_BUCKET")
if KALM_S3_BUCKET:
    from importlib.util import find_spec

    if find_spec("storages") is None or find_spec("boto3") is None:
        raise ConfigurationError(
            "KALM_S3_BUCKET is set but django-storages with boto3 is not installed: "
            "install Kalm with the s3 extra (pip install 'kalm[s3]')"
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": KALM_S3_BUCKET,
            "endpoint_url": env_str("KALM_S3_ENDPOINT_URL") or None,
            "region_name": env_str("KALM_S3_REGION") or None,
            # Empty keys let boto3 find its own (instance role, ~/.aws, AWS_* variables).
            "access_key": env_str("KALM_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("KALM_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("KALM_S3_PREFIX").strip("/"),
            # Private objects; downloads go through Kalm's access checks, never a bucket URL.
            "default_acl": None,
            "querystring_auth": True,
            # A new upload with a taken name gets a new name, as on the filesystem (logos and
            # avatars rely on it; evidence names are content hashes).
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind nginx terminating TLS (deploy/nginx/kalm.conf): the proxy says the request came over
# HTTPS, so CSRF's origin check and absolute URLs use https. Only on when a proxy sets the header.
if env_bool("KALM_TRUST_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Email: console in demo and development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST))
# The real backend; Django's EMAIL_BACKEND is the drill-aware wrapper around it, which diverts
# every drill email to the drill sink (docs/decisions/0008-crisis-drills-in-a-sandbox.md).
KALM_EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_BACKEND = "kalm.drills.mail.DrillAwareBackend"
# Where drill email goes: an SMTP catcher (e.g. Mailpit); empty means files in var/drill-mail.
KALM_DRILL_EMAIL_HOST = env_str("KALM_DRILL_EMAIL_HOST")
KALM_DRILL_EMAIL_PORT = env_int("KALM_DRILL_EMAIL_PORT", 1025)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "klantenservice@kalm.localhost")
KALM_ORGANISATION_NAME = env_str("KALM_ORGANISATION_NAME", "Kalm")

# IMAP mailboxes the worker polls every minute, each mapped to a team: a JSON list of
# {"name", "host", "port", "user", "password" or "password_file", "folder", "ssl", "team"}.
# Bad JSON or a missing key stops start-up with a ConfigurationError naming the mailbox.
from kalm.channels.email.imap import mailboxes_parse  # noqa: E402 - stdlib-only parser

KALM_IMAP_MAILBOXES = mailboxes_parse(env_str("KALM_IMAP_MAILBOXES", ""))

# Evidence uploads: types are checked by content (magic bytes), not by file name.
KALM_EVIDENCE_ALLOWED_TYPES = env_list(
    "KALM_EVIDENCE_ALLOWED_TYPES",
    [
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/heic",
        "video/mp4",
        "video/quicktime",
        "video/webm",
        "application/pdf",
    ],
)
KALM_EVIDENCE_MAX_BYTES = env_int("KALM_EVIDENCE_MAX_BYTES", 50 * 1024 * 1024)
KALM_EVIDENCE_MAX_FILES = env_int("KALM_EVIDENCE_MAX_FILES", 10)
KALM_WEBHOOK_MAX_BYTES = env_int("KALM_WEBHOOK_MAX_BYTES", 5 * 1024 * 1024)
# Crisis email updates are sent at most this many per minute (mail servers throttle bursts).
KALM_CRISIS_MAIL_RATE = env_int("KALM_CRISIS_MAIL_RATE", 60)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 50

KALM_CASE_REFERENCE_PREFIX = env_str("KALM_CASE_REFERENCE_PREFIX", "K")
KALM_CHAT_ALLOWED_ORIGINS = env_list("KALM_CHAT_ALLOWED_ORIGINS", [])  # may frame /chat/
# The chat opens with the answer bot (kalm.assistant); off: straight to the person form.
KALM_ANSWER_BOT = env_bool("KALM_ANSWER_BOT", True)
# Threads of the sentence encoder (empathy features, the answer bot's semantic scores).
KALM_ENCODER_THREADS = env_int("KALM_ENCODER_THREADS", 1)
# Bot conversations that never reached a person are forgotten after this many days.
KALM_BOT_RETENTION_DAYS = env_int("KALM_BOT_RETENTION_DAYS", 90)
# A consumer gets at most one survey in this many days.
KALM_SURVEY_QUIET_DAYS = env_int("KALM_SURVEY_QUIET_DAYS", 30)
# Churn: a classifier is trained once this many consumers are marked as lost (and as many kept;
# fewer ranked worse than the rule index in bench/churn.py);
# below it the score is the explained rule-based index.
KALM_CHURN_MIN_LOST = env_int("KALM_CHURN_MIN_LOST", 50)
KALM_EMAIL_REUSE_OPEN_CASE = env_bool("KALM_EMAIL_REUSE_OPEN_CASE", False)
KALM_INBOUND_EMAIL_TOKEN = env_str("KALM_INBOUND_EMAIL_TOKEN")
KALM_INBOUND_EMAIL_MAX_BYTES = env_int("KALM_INBOUND_EMAIL_MAX_BYTES", 30 * 1024 * 1024)

_queue_url = env_str("KALM_QUEUE_URL")
if _queue_url.startswith("redis://") or _queue_url.startswith("rediss://"):
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "kalm",
        "url": _queue_url,
        "immediate": env_bool("KALM_QUEUE_IMMEDIATE", False),
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
elif _queue_url:
    raise ConfigurationError(f"KALM_QUEUE_URL={_queue_url!r}: only redis:// URLs are supported")
else:
    HUEY = {
        "huey_class": "kalm.core.queue.SqliteQueue",
        "name": "kalm",
        "filename": str(VAR_DIR / "queue.sqlite3"),
        "immediate": env_bool("KALM_QUEUE_IMMEDIATE", False),
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

# Shared cache (organisation settings, API rate limits, reply-mood figures): with several web
# processes the default per-process memory cache counts rate limits per process and lets a
# changed setting take up to a minute to reach each of them.
_cache_url = env_str("KALM_CACHE_URL")
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": "kalm",
        }
    }
elif _cache_url:
    raise ConfigurationError(f"KALM_CACHE_URL={_cache_url!r}: only redis:// URLs are supported")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # huey's own line, which names the worker thread that ran a job.
        "worker": {"format": "[%(asctime)s] %(levelname)s:%(name)s:%(threadName)s:%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "worker": {"class": "logging.StreamHandler", "formatter": "worker"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # A handler of its own keeps `run_huey` from adding its second one (it configures the
        # "huey" logger only when that has none): every worker line was logged twice.
        "huey": {"handlers": ["worker"], "propagate": False},
    },
}
