"""Production: every variable that matters must be set, or the process refuses to start."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env
from .databases import databases

DEBUG = False
# gunicorn serves the collected static files itself (`collectstatic` runs in the image build).
MIDDLEWARE = [*MIDDLEWARE[:1], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405


def _required(name: str) -> str:
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]
DATABASES = databases(env, _required("DATABASE_URL"))
REDIS_URL = _required("REDIS_URL")
for _cache in CACHES.values():  # noqa: F405
    _cache["LOCATION"] = REDIS_URL
CELERY_BROKER_URL = REDIS_URL

# SMS reach walk-in citizens who have no email: "console" would mark them sent and reach nobody.
SMS_BACKEND = env.str("SMS_BACKEND", default="http")
if SMS_BACKEND not in ("http", "console"):
    raise ImproperlyConfigured("SMS_BACKEND is http (or console, to only log messages).")
if SMS_BACKEND == "http":
    SMS_GATEWAY_URL = _required("SMS_GATEWAY_URL")
    SMS_GATEWAY_KEY = _required("SMS_GATEWAY_KEY")
    if not SMS_GATEWAY_URL.startswith("https://"):
        raise ImproperlyConfigured("SMS_GATEWAY_URL must be an https:// URL in production.")

# TLS ends at the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Health probes come over plain HTTP from inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
