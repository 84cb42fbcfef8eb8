"""A request's body is judged by its declared size before a byte is read: large only where a
signed-in person attaches files."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.conftest import People, client_for
from tests.factories import api_token

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def declared(client: Client, path: str, size: int) -> int:
    """The status of a POST whose headers announce `size` bytes (a few are sent)."""
    response = client.post(
        path, data=b"x", content_type="application/octet-stream", CONTENT_LENGTH=str(size)
    )
    return response.status_code


def test_an_anonymous_huge_body_is_refused_before_it_is_read() -> None:
    response = APIClient().post(
        "/api/v1/auth/token/", data=b"x", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(300 * MB),
    )  # fmt: skip
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_only_a_signed_in_person_may_send_files_where_files_go(people: People) -> None:
    assert declared(Client(), "/appeals/new/", 20 * MB) == 413
    assert declared(client_for(people.citizen), "/appeals/new/", 20 * MB) != 413
    token = APIClient(HTTP_AUTHORIZATION=f"Token {api_token(people.citizen)}")
    assert declared(token, "/api/v1/appeals/", 20 * MB) != 413


def test_even_there_a_body_has_its_limit(people: People) -> None:
    assert declared(client_for(people.citizen), "/appeals/new/", 60 * MB) == 413


def test_elsewhere_a_body_is_small(people: People) -> None:
    assert declared(client_for(people.citizen), "/accounts/profile/", 2 * MB) == 413
    assert declared(client_for(people.citizen), "/accounts/profile/", MB // 2) != 413
