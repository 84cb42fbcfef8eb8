"""The status by code shows no personal data: every appeal of the public-PII scan's people
(test_public_pii.py), looked up with its code on the page and through the API, and refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from appeals.models import Appeal
from ratings.models import RankingSnapshot
from tests.appeals.status import CODE, with_code
from tests.security.test_public_pii import (
    every_personal_datum,
    published,  # noqa: F401 - a fixture
    readable,
)

pytestmark = pytest.mark.django_db


def lookups(client: Client, appeal: Appeal) -> list[tuple[str, Any]]:
    """The appeal looked up on the page and through the API, with its code and a wrong one."""
    answers = []
    for code in (CODE, "2222-2222"):
        body = {"reference": appeal.reference, "code": code}
        answers.append((f"/status/ {code}", client.post("/status/", body)))
        api = client.post("/api/v1/status/", body, content_type="application/json")
        answers.append((f"/api/v1/status/ {code}", api))
    return answers


def test_no_status_shows_personal_data(
    client: Client,
    published: list[RankingSnapshot],  # noqa: F811 - the fixture
) -> None:
    patterns, leaks, found = every_personal_datum(), [], 0
    for appeal in Appeal.objects.order_by("pk"):
        for where, response in lookups(client, with_code(appeal)):
            assert response.status_code in (200, 404), f"{where}: {response.status_code}"
            found += response.status_code == 200
            text = readable(response)
            leaks += [
                f"{appeal.reference} {where}: {k}" for k, p in patterns.items() if p.search(text)
            ]
    assert leaks == []
    assert found == 2 * Appeal.objects.count() > 60  # every appeal, found on the page and the API
