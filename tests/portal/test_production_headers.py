"""The production settings, read off real responses: headers and cookie flags.

The check runs in a child process with `portal.settings.production` (the test process
has the test settings loaded for good), against the test database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings

from portal.devservices import BASE_DIR
from tests.portal.test_settings import PRODUCTION
from tests.workers import worker_database_url

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client, override_settings

# The hashed-name manifest exists only after `collectstatic`, which the image build runs.
plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}).enable()
client = Client()
page = client.get("/accounts/login/", secure=True, HTTP_HOST="otinish.example.kz")
plain = client.get("/accounts/login/", HTTP_HOST="otinish.example.kz")
csrf = page.cookies["csrftoken"]
print(json.dumps({
    "status": page.status_code,
    "headers": dict(page.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "csrf_cookie": {"secure": csrf["secure"], "samesite": csrf["samesite"]},
    "session_cookie": {
        "secure": settings.SESSION_COOKIE_SECURE,
        "httponly": settings.SESSION_COOKIE_HTTPONLY,
        "samesite": settings.SESSION_COOKIE_SAMESITE,
    },
}))
"""


pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def production() -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    env |= PRODUCTION | {"DATABASE_URL": worker_database_url(), "REDIS_URL": settings.REDIS_URL}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_https_pages_carry_the_protective_headers(production: dict[str, Any]) -> None:
    headers = production["headers"]
    assert production["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "unsafe-eval" not in policy


def test_plain_http_is_sent_to_https(production: dict[str, Any]) -> None:
    assert production["plain_status"] == 301
    assert production["plain_location"].startswith("https://otinish.example.kz/")


def test_cookies_are_secure_and_the_session_is_out_of_scripts_reach(
    production: dict[str, Any],
) -> None:
    assert production["csrf_cookie"] == {"secure": True, "samesite": "Lax"}
    assert production["session_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
