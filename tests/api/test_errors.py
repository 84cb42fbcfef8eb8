"""Every error under /api/ answers in the one shape, {"error": {"code", "message",
"field_errors"}}, whatever raised it: a parser, Django's URL resolver, the login lockout."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from tests.api.test_api import api_as, new_appeal
from tests.conftest import People
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def one_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "field_errors"} and error["message"]
    return dict(error)


def test_json_nested_too_deep_is_a_400() -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")
    assert one_shape(response, 400)["code"] == "parse_error"


@pytest.mark.parametrize(
    "path", ["/api/v1/appeals/abc/", "/api/v1/nothing-here/", "/api/v1/rankings/snapshots/x/"]
)
def test_a_path_nothing_answers_is_a_json_404(path: str, people: People) -> None:
    assert one_shape(api_as(people.citizen).get(path), 404)["code"] == "not_found"
    assert Client().get(path.replace("/api/v1", "/appeals")).status_code == 404  # pages: HTML


def test_a_locked_out_token_request_answers_in_the_shape(settings: Any) -> None:
    user = UserFactory.create(email="dana@example.kz")
    client = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/api/v1/auth/token/", {"email": user.email, "password": "no"}, format="json")
    right = {"email": user.email, "password": "correct horse battery"}
    response = client.post("/api/v1/auth/token/", right, format="json")
    assert one_shape(response, 429)["code"] == "locked_out"
    assert int(response["Retry-After"]) > 0


def test_an_empty_file_is_named_in_its_field(people: People) -> None:
    empty = SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf")
    response = api_as(people.citizen).post(
        "/api/v1/appeals/", {**new_appeal(), "attachments": [empty]}, format="multipart"
    )
    error = one_shape(response, 400)
    assert list(error["field_errors"]) == ["attachments"]
    message = error["field_errors"]["attachments"][0]
    assert "ErrorDetail" not in message and "{" not in message and "empty" in message


def test_a_body_that_is_not_json_says_so() -> None:
    response = APIClient().post("/api/v1/auth/token/", "{not json", content_type="application/json")
    assert one_shape(response, 400)["code"] == "parse_error"
    assert json.loads(response.content)  # itself valid JSON


def test_text_that_is_not_unicode_is_a_400_not_a_crash(people: People) -> None:
    body = json.dumps(new_appeal()).replace('"subject": "', '"subject": "\\ud800', 1)
    client = api_as(people.citizen)
    response = client.post("/api/v1/appeals/", body, content_type="application/json")
    assert one_shape(response, 400)["code"] == "parse_error"


@pytest.mark.parametrize(
    ("data", "status", "field"),
    [
        ({"complaint_of": 10**9}, 404, "complaint_of"),  # well formed, names nothing
        ({"complaint_of": "10"}, 404, "complaint_of"),  # a form's number is a number
        ({"complaint_of": "ten"}, 400, "complaint_of"),
        ({"complaint_of": "null"}, 201, None),  # a form's way to say null
        ({"region": "XX-00"}, 404, "region"),
        ({"region": ""}, 404, "region"),
        ({"subject": "a\x00b"}, 400, "subject"),
    ],
)
def test_a_reference_that_names_nothing_is_a_404_and_a_malformed_one_a_400(
    people: People, data: dict[str, Any], status: int, field: str | None
) -> None:
    response = api_as(people.citizen).post(
        "/api/v1/appeals/", {**new_appeal(), **data}, format="multipart"
    )
    if field is None:
        assert response.status_code == status, response.json()
    else:
        assert list(one_shape(response, status)["field_errors"]) == [field]


@pytest.mark.parametrize(
    "data",
    [{"co_applicants": "5"}, {"co_applicants": 1.0}, {"co_applicants": True},
     {"consent": "true"}, {"consent": 1}, {"subject": 0}, {"complaint_of": "1"}],
)  # fmt: skip
def test_in_json_a_value_has_the_type_the_schema_says(people: People, data: dict[str, Any]) -> None:
    response = api_as(people.citizen).post("/api/v1/appeals/", {**new_appeal(), **data})
    assert list(one_shape(response, 400)["field_errors"]) == list(data)


def test_in_a_form_every_value_is_text(people: People) -> None:
    data = {**new_appeal(), "co_applicants": "5", "consent": "true"}
    response = api_as(people.citizen).post("/api/v1/appeals/", data, format="multipart")
    assert response.status_code == 201, response.json()
