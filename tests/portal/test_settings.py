from __future__ import annotations

import os
import subprocess
import sys

import pytest

from portal.devservices import BASE_DIR

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x7!k2@q9#m4$w8%e1^r6&t3*y5(u0)i-o=p+a[s]d{f}g|h;j:k'l,z.x/c?v<b>n",
    "ALLOWED_HOSTS": "otinish.example.kz",
    "DATABASE_URL": "postgres://otinish@db.internal:5432/otinish",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "SMS_GATEWAY_URL": "https://sms.internal/v1/messages",
    "SMS_GATEWAY_KEY": "gateway-key",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_passes_the_deployment_checks() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "SMS_GATEWAY_URL",
        "SMS_GATEWAY_KEY",
    ],
)
def test_production_refuses_to_start_without(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_refuses_an_sms_gateway_over_plain_http() -> None:
    result = _manage("check", **{**PRODUCTION, "SMS_GATEWAY_URL": "http://sms.internal/"})
    assert result.returncode != 0
    assert "SMS_GATEWAY_URL must be an https:// URL" in result.stderr


def test_production_logging_its_sms_needs_no_gateway() -> None:
    env = {k: v for k, v in PRODUCTION.items() if not k.startswith("SMS_GATEWAY")}
    result = _manage("check", **env, SMS_BACKEND="console")
    assert result.returncode == 0, result.stderr


def test_development_needs_no_variables_at_all() -> None:
    result = _manage("check", DJANGO_SETTINGS_MODULE="portal.settings.development")
    assert result.returncode == 0, result.stderr
