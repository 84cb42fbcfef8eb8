"""Settings for the test suite: real PostgreSQL and Redis, fast password hashing."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

from .development import *  # noqa: F403

DEBUG = False
# The suite starts a replica of its own where it needs one (tests/replica_pair.py).
DATABASES.pop("replica", None)  # noqa: F405
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
# Petition counts live in Redis beyond a run, where a new test database gives the same user
# ids and tests sign from the same addresses: the limits' own tests set them.
PETITIONS_FILED_PER_DAY = 100_000
PETITIONS_SIGN_PER_ACCOUNT_HOUR = 100_000
PETITIONS_SIGN_PER_ADDRESS_HOUR = 100_000
# Throttling has its own test; elsewhere a test's writes must not run into an old count.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"writes": "100000/hour"}}  # noqa: F405
# Rendered ranking tables live in Redis beyond a run, and a new test database gives the same
# snapshot ids again: tests render afresh; the cache's own test turns it on.
RANKINGS_PAGE_CACHE_SECONDS = 0
PETITIONS_PAGE_CACHE_SECONDS = 0  # pages read right after a signature show it
# Tests sign in through the API many times over; the limit's own test sets it.
API_TOKENS_PER_USER = 1000
# Proposals of a topic are counted in Redis beyond a run too; their limit's test sets it.
TOPIC_PROPOSALS_PER_HOUR = 100_000


def _redis_database(url: str, offset: int) -> str:
    """The same server, database number + offset (redis://host:port/N)."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + offset
    return urlunsplit(parts._replace(path=f"/{number}"))


# Under pytest-xdist each worker process (gw0, gw1, …) has its own test database (pytest-django)
# and its own Redis database: one's broker queues, cache and counts never meet another's.
# Processes a test starts (Celery workers, servers) inherit that database as it is.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER.startswith("gw") and not os.environ.get("TEST_REDIS_OF_WORKER"):
    REDIS_URL = _redis_database(REDIS_URL, 1 + int(_WORKER[2:]))  # noqa: F405
    for _cache in CACHES.values():  # noqa: F405
        _cache["LOCATION"] = REDIS_URL
    CELERY_BROKER_URL = REDIS_URL
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ["TEST_REDIS_OF_WORKER"] = _WORKER
