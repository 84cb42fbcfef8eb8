"""Lockouts and throttles key on the address the nearest trusted proxy saw, never on what a
client writes in X-Forwarded-For."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from core.api_policies import WriteThrottle
from core.clients import client_ip
from tests.conftest import People

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@pytest.fixture
def three_writes_an_hour(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    cache.clear()
    monkeypatch.setattr(WriteThrottle, "THROTTLE_RATES", {"writes": "3/hour"})
    yield
    cache.clear()


def seen_as(settings: Any, proxies: int, remote: str, forwarded: str | None) -> str:
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(request)


def test_with_no_proxy_trusted_the_header_is_ignored(settings: Any) -> None:
    assert seen_as(settings, 0, "203.0.113.7", "1.2.3.4") == "203.0.113.7"


def test_behind_one_proxy_the_client_is_what_it_saw(settings: Any) -> None:
    # The client sent "1.2.3.4"; nginx appended the address it received from.
    assert seen_as(settings, 1, "10.0.0.2", "1.2.3.4, 198.51.100.9") == "198.51.100.9"
    assert seen_as(settings, 2, "10.0.0.3", "1.2.3.4, 198.51.100.9, 10.0.0.2") == "198.51.100.9"
    assert seen_as(settings, 1, "10.0.0.2", "not an address") == "10.0.0.2"


def token_request_from(forwarded: str) -> int:
    guess = {"email": "someone@otinish.test", "password": "guess"}
    client = APIClient(HTTP_X_FORWARDED_FOR=forwarded)
    return client.post("/api/v1/auth/token/", guess, format="json").status_code


def test_a_new_forwarded_header_does_not_reset_the_anonymous_throttle(
    three_writes_an_hour: None,
) -> None:
    codes = [token_request_from(f"192.0.2.{n}") for n in range(5)]
    assert codes == [401, 401, 401, 429, 429]


def test_the_lockout_ignores_a_forged_address(people: People, settings: Any) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client(HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").post(
            LOGIN, {"username": people.citizen.email, "password": "wrong"}
        )
    right = {"username": people.citizen.email, "password": "correct horse battery"}
    response = Client(HTTP_X_FORWARDED_FOR="192.0.2.200").post(LOGIN, right)
    assert response.status_code == 429  # still locked: the same real address


def test_behind_a_proxy_each_client_has_its_own_lockout(people: People, settings: Any) -> None:
    settings.TRUSTED_PROXIES = 1
    balancer: dict[str, Any] = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client(HTTP_X_FORWARDED_FOR="198.51.100.1", **balancer).post(
            LOGIN, {"username": people.citizen.email, "password": "wrong"}
        )
    right = {"username": people.citizen.email, "password": "correct horse battery"}
    neighbour = Client(HTTP_X_FORWARDED_FOR="198.51.100.2", **balancer).post(LOGIN, right)
    assert neighbour.status_code == 302  # another client behind the same balancer logs in
    attacker = Client(HTTP_X_FORWARDED_FOR="198.51.100.1", **balancer).post(LOGIN, right)
    assert attacker.status_code == 429
