"""Settings for the test suite: real PostgreSQL and Redis, fast password hashing."""

from __future__ import annotations

from .development import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests that send many appeals for one citizen are not about the hourly limit; those that
# are set it themselves.
APPEALS_PER_HOUR = 1000
# Upload counts live in Redis and outlive a test run; the tests of the limit set it themselves.
UPLOADS_PER_HOUR = 100_000
SIGNATURES_PER_HOUR = 100_000
LETTER_LOOKUPS_PER_HOUR = 100_000
STATUS_LOOKUPS_PER_HOUR = 100_000
STATUS_WRONG_CODES_PER_DAY = 100_000
ACCOUNT_REQUESTS_PER_HOUR = 100_000
PASSWORD_RESETS_PER_HOUR = 100_000
# Throttling has its own test; elsewhere a test's writes must not run into an old count.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"writes": "100000/hour"}}  # noqa: F405
# Rendered ranking tables live in Redis beyond a run, and a new test database gives the same
# snapshot ids again: tests render afresh; the cache's own test turns it on.
RANKINGS_PAGE_CACHE_SECONDS = 0
# Tests sign in through the API many times over; the limit's own test sets it.
API_TOKENS_PER_USER = 1000
