"""Signatures an hour per account and per client address: the address is the one the
nearest trusted proxy saw, so a forged X-Forwarded-For dodges nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import User
from core.refusals import ActionRefused
from petitions.models import Petition, Signature
from petitions.signing import signature_add, signature_count
from tests.conftest import client_for
from tests.petitions.world import published, verified_citizen, verified_crowd

pytestmark = pytest.mark.django_db

LIMIT = 3
COUNTED = "Your signature is counted. Thank you."
TOO_MANY = "Too many signatures from here: try again in an hour."


@pytest.fixture(autouse=True)
def three_an_hour(settings: Any) -> Iterator[None]:
    """Counts live in Redis beyond a test: each test starts from none."""
    cache.clear()
    settings.PETITIONS_SIGN_PER_ACCOUNT_HOUR = LIMIT
    settings.PETITIONS_SIGN_PER_ADDRESS_HOUR = LIMIT
    yield
    cache.clear()


def sign_at(citizen: User, petition: Petition, address: str) -> str:
    try:
        signature_add(signer=citizen, petition=petition, address=address)
    except ActionRefused as refused:
        return refused.message
    return "signed"


def test_an_account_signs_three_petitions_an_hour() -> None:
    citizen = verified_citizen()
    petitions = [published() for _ in range(LIMIT + 1)]
    outcomes = [sign_at(citizen, p, f"198.51.100.{n}") for n, p in enumerate(petitions)]
    assert outcomes == ["signed"] * LIMIT + [TOO_MANY]
    assert signature_count(petitions[-1].pk) == 0
    assert not Signature.objects.filter(petition=petitions[-1]).exists()


def test_an_address_gives_three_signatures_an_hour() -> None:
    petition = published()
    outcomes = [sign_at(c, petition, "198.51.100.20") for c in verified_crowd(LIMIT + 1)]
    assert outcomes == ["signed"] * LIMIT + [TOO_MANY]
    assert signature_count(petition.pk) == LIMIT
    assert sign_at(verified_citizen(), petition, "198.51.100.21") == "signed"


def post_sign(client: Client, petition: Petition, remote: str, forwarded: str) -> str:
    """Signs through the page; the last thing the page told him."""
    response = client.post(
        reverse("petitions:sign", args=[petition.slug]),
        REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded, HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


def test_the_page_refuses_the_fourth_signature_of_an_account() -> None:
    client = client_for(verified_citizen())
    petitions = [published() for _ in range(LIMIT + 1)]
    told = [post_sign(client, p, f"198.51.100.{n}", "") for n, p in enumerate(petitions)]
    assert told == [COUNTED] * LIMIT + [TOO_MANY]
    assert Signature.objects.filter(petition__in=petitions).count() == LIMIT


def test_a_forged_forwarded_address_does_not_dodge_the_limit(settings: Any) -> None:
    """No proxy trusted: the header is the client's own word, and is ignored."""
    settings.TRUSTED_PROXIES = 0
    petition = published()
    crowd = verified_crowd(LIMIT + 1)
    told = [
        post_sign(client_for(c), petition, "203.0.113.50", f"192.0.2.{n}")
        for n, c in enumerate(crowd)
    ]
    assert told == [COUNTED] * LIMIT + [TOO_MANY]
    assert signature_count(petition.pk) == LIMIT


def test_behind_a_trusted_proxy_the_address_it_saw_counts(settings: Any) -> None:
    settings.TRUSTED_PROXIES = 1
    petition = published()
    crowd = verified_crowd(2 * LIMIT + 1)
    # Everyone behind the proxy is a different client: no limit between them.
    for n, citizen in enumerate(crowd[:LIMIT]):
        post_sign(client_for(citizen), petition, "10.0.0.2", f"198.51.100.{n}")
    assert signature_count(petition.pk) == LIMIT
    # One client forging what stands left of the proxy's entry is still one client.
    told = [
        post_sign(client_for(c), petition, "10.0.0.2", f"192.0.2.{n}, 198.51.100.77")
        for n, c in enumerate(crowd[LIMIT:])
    ]
    assert told == [COUNTED] * LIMIT + [TOO_MANY]
    assert signature_count(petition.pk) == 2 * LIMIT
