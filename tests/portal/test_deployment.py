from __future__ import annotations

from typing import Any

import pytest
import yaml

from portal.devservices import BASE_DIR


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text()))


def _command(service: dict[str, Any]) -> str:
    command = service["command"]
    return " ".join(command) if isinstance(command, list) else str(command)


def test_the_stack_has_every_process(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {
        "postgres", "redis", "migrate", "nginx", "web", "worker", "beat",
    }  # fmt: skip
    assert compose["services"]["postgres"]["image"] == "postgres:16"
    assert compose["services"]["redis"]["image"] == "redis:7"


def test_each_process_runs_what_it_should(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert _command(services["web"]).startswith("gunicorn portal.wsgi:application")
    assert "celery -A portal worker" in _command(services["worker"])
    assert "celery -A portal beat" in _command(services["beat"])
    assert "migrate" in _command(services["migrate"])
    assert "load_reference" in _command(services["migrate"])


def test_every_long_running_service_has_a_health_check(compose: dict[str, Any]) -> None:
    for name in ("postgres", "redis", "web", "worker", "beat"):
        assert compose["services"][name]["healthcheck"]["test"], name


def test_the_portal_waits_for_healthy_services_and_migrations(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["redis"]["condition"] == "service_healthy"
    for name in ("web", "worker", "beat"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


def test_the_portal_runs_with_production_settings(compose: dict[str, Any]) -> None:
    for name in ("web", "worker", "beat", "migrate"):
        environment = compose["services"][name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
        assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_the_image_runs_gunicorn_as_an_unprivileged_user() -> None:
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "FROM python:3.11" in dockerfile
    assert "USER otinish" in dockerfile
    assert "collectstatic" in dockerfile


def test_only_nginx_faces_the_clients(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert [name for name, service in services.items() if service.get("ports")] == ["nginx"]
    template = "./deploy/nginx/otinish.conf.template:/etc/nginx/templates/default.conf.template:ro"
    assert template in services["nginx"]["volumes"]
    assert services["nginx"]["environment"]["OTINISH_UPSTREAM"] == "web:8000"
    assert services["web"]["environment"]["TRUSTED_PROXIES"] == "1"


def test_gunicorn_runs_threaded_workers(compose: dict[str, Any]) -> None:
    assert "--worker-class=gthread" in compose["services"]["web"]["command"]
    assert '"--worker-class", "gthread"' in (BASE_DIR / "Dockerfile").read_text()
