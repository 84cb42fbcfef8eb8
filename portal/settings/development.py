"""Local development: works with no variables at all (`make run` sets the service URLs)."""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="development-only-not-secret")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# The benchmarks' data generator (`manage.py generate_appeals`): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
