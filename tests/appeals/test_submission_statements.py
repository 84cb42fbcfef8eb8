"""The SQL statements of sending one appeal, pinned so that they cannot creep back up
(docs/benchmarks.md, "Sending an appeal": which each one is and why it stays)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.appeals.test_submission import form_data
from tests.conftest import People, client_for
from tests.factories import api_token

pytestmark = pytest.mark.django_db
# Authentication 1 (knox: the token with its user), the transaction 7 (begin, the
# applicant's lock with the new number, key and hourly limit in one, appeal, event,
# notification, commit). The references and the calendar are held by the process
# (agencies.held), and the reply shows the event and files just written without reading
# them back.
API_STATEMENTS = 8
# The session and its user 2, the same transaction 7.
FORM_STATEMENTS = 9


def _sent_through_api(client: APIClient) -> None:
    body = {
        "type": "application", "category": "housing-heating", "region": "KZ-75",
        "addressee": "akimat-kz-75", "subject": "Нет отопления", "language": "ru",
        "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.", "consent": True,
    }  # fmt: skip
    key = str(uuid.uuid4())
    response = client.post("/api/v1/appeals/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 201, response.content


def test_one_api_submission_takes_its_statements(
    people: People, django_assert_num_queries: Any
) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(people.citizen)}")
    _sent_through_api(client)  # the process's first one also reads what it keeps (types)
    with django_assert_num_queries(API_STATEMENTS):
        _sent_through_api(client)


def test_one_form_submission_takes_its_statements(
    people: People, django_assert_num_queries: Any
) -> None:
    browser = client_for(people.citizen)
    assert browser.post("/appeals/new/", form_data()).status_code == 302
    data = form_data()
    with django_assert_num_queries(FORM_STATEMENTS):
        assert browser.post("/appeals/new/", data).status_code == 302
