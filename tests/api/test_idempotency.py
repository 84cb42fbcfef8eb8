"""An Idempotency-Key, and the web form's hidden key: a repeat makes nothing new, other
content under the same key is refused and says so, whatever arrives at once."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from appeals.models import Appeal
from tests.api.test_api import api_as, new_appeal
from tests.appeals.test_submission import form_data
from tests.conftest import People
from tests.factories import api_token
from tests.files import png
from tests.threads import run_together

KEY_TOGETHER, KEY, OTHER_KEY, FILES_KEY, SHARED_KEY = (str(uuid.uuid4()) for _ in range(5))


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_twenty_posts_at_once_with_one_key_make_one_appeal_and_one_201(people: People) -> None:
    token = api_token(people.citizen)
    statuses: list[int] = []

    def post() -> None:
        client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
        response = client.post(
            "/api/v1/appeals/", new_appeal(), format="json", HTTP_IDEMPOTENCY_KEY=KEY_TOGETHER
        )
        statuses.append(response.status_code)

    outcomes = run_together(*[post] * 20)
    assert outcomes == ["won"] * 20
    assert sorted(statuses) == [200] * 19 + [201]
    assert Appeal.objects.filter(applicant=people.citizen).count() == 1


@pytest.mark.django_db
def test_the_same_key_with_other_content_is_a_422_that_says_so(people: People) -> None:
    client = api_as(people.citizen)
    first = client.post("/api/v1/appeals/", new_appeal(), format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert first.status_code == 201
    other = client.post(
        "/api/v1/appeals/", new_appeal(subject="Другое"), format="json", HTTP_IDEMPOTENCY_KEY=KEY
    )
    assert other.status_code == 422
    error = other.json()["error"]
    assert error["code"] == "key_reused"
    assert first.json()["reference"] in error["message"]
    assert Appeal.objects.get(applicant=people.citizen).subject == new_appeal()["subject"]
    # The same content again is still the first appeal; a new key sends the other one.
    again = client.post("/api/v1/appeals/", new_appeal(), format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    new = client.post(
        "/api/v1/appeals/",
        new_appeal(subject="Другое"),
        format="json",
        HTTP_IDEMPOTENCY_KEY=OTHER_KEY,
    )
    assert new.status_code == 201


@pytest.mark.django_db
def test_other_files_under_the_same_key_are_other_content(people: People) -> None:
    client = api_as(people.citizen)
    sent = client.post(
        "/api/v1/appeals/", {**new_appeal(), "attachments": [png()]}, format="multipart",
        HTTP_IDEMPOTENCY_KEY=FILES_KEY,
    )  # fmt: skip
    assert sent.status_code == 201
    without = client.post(
        "/api/v1/appeals/", new_appeal(), format="multipart", HTTP_IDEMPOTENCY_KEY=FILES_KEY
    )
    assert without.status_code == 422


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["k1", "", "a" * 40, "82176c0c-7338-4812-98ce-c062daca6f93x"])
def test_a_key_that_is_not_a_uuid_is_refused_before_anything_is_sent(
    people: People, key: str
) -> None:
    response = api_as(people.citizen).post(
        "/api/v1/appeals/", new_appeal(), format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["field_errors"]) == ["Idempotency-Key"]
    assert not Appeal.objects.filter(applicant=people.citizen).exists()


@pytest.mark.django_db
def test_keys_are_each_citizens_own(people: People) -> None:
    mine = api_as(people.citizen).post(
        "/api/v1/appeals/", new_appeal(), format="json", HTTP_IDEMPOTENCY_KEY=SHARED_KEY
    )
    theirs = api_as(people.other_citizen).post(
        "/api/v1/appeals/",
        new_appeal(subject="Своё"),
        format="json",
        HTTP_IDEMPOTENCY_KEY=SHARED_KEY,
    )
    assert (mine.status_code, theirs.status_code) == (201, 201)


@pytest.mark.django_db
def test_files_named_in_a_json_body_are_refused_not_dropped(people: People) -> None:
    data: dict[str, Any] = {**new_appeal(), "attachments": ["https://example.org/a.pdf"]}
    response = api_as(people.citizen).post("/api/v1/appeals/", data, format="json")
    assert response.status_code == 400
    assert "multipart" in response.json()["error"]["field_errors"]["attachments"][0]
    assert not Appeal.objects.filter(applicant=people.citizen).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "body_format"),
    [("/api/v1/appeals/", "urlencoded"), ("/api/v1/auth/token/", "multipart")],
)
def test_a_body_in_a_form_the_schema_does_not_name_is_a_415(
    people: People, path: str, body_format: str
) -> None:
    client = api_as(people.citizen)
    if body_format == "multipart":
        response = client.post(path, {"email": "a@b.kz", "password": "x"}, format="multipart")
    else:
        body = "&".join(f"{name}={value}" for name, value in new_appeal().items())
        response = client.post(path, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.django_db
def test_the_form_sent_again_with_changes_says_they_were_not_sent(people: People) -> None:
    """The browser's back button keeps the form's key: the changes must not vanish."""
    client = Client()
    client.force_login(people.citizen)
    data = form_data(submission_key=str(uuid.uuid4()))
    assert client.post(reverse("appeals:new"), data).status_code == 302
    changed = client.post(reverse("appeals:new"), {**data, "subject": "Уточнение"})
    assert changed.status_code == 200
    assert "ваши изменения не отправлены" in changed.content.decode().replace("\n", " ")
    renewed = changed.context["form"]["submission_key"].value()
    assert renewed != data["submission_key"]
    assert Appeal.objects.filter(applicant=people.citizen).count() == 1
    resent = client.post(reverse("appeals:new"), {**data, "subject": "Уточнение",
                                                  "submission_key": renewed})  # fmt: skip
    assert resent.status_code == 302
    assert Appeal.objects.filter(applicant=people.citizen).count() == 2
