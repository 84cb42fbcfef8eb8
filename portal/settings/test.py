"""Settings for the test suite: real PostgreSQL and Redis, fast password hashing."""

from __future__ import annotations

from .development import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
