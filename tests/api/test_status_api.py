"""POST /api/v1/status/: an appeal's status by its reference number and lookup code, for
anyone, with the page's answers and limits; the code in the reply that sent the appeal."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from appeals.models import Appeal
from tests.api.test_api import api_as, new_appeal
from tests.appeals.status import CODE, api_look_up, with_code
from tests.conftest import People

pytestmark = pytest.mark.django_db
MakeAppeal = Callable[[str], Appeal]


def test_the_reply_that_sends_an_appeal_carries_its_code_once(people: People) -> None:
    client, key = api_as(people.citizen), str(uuid.uuid4())
    sent = client.post("/api/v1/appeals/", new_appeal(), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert sent.status_code == 201
    code = sent.json()["lookup_code"]
    assert len(code) == 9 and code[4] == "-"
    again = client.post("/api/v1/appeals/", new_appeal(), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert again.status_code == 200 and again.json()["lookup_code"] is None
    assert "lookup_code" not in client.get(f"/api/v1/appeals/{sent.json()['id']}/").json()
    status = api_look_up(api_as(None), sent.json()["reference"], code)
    assert status.status_code == 200 and status.json()["status"] == "submitted"


def test_anyone_sees_the_status_and_nothing_of_the_person(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = with_code(appeal_in(Appeal.Status.ANSWERED))
    response = api_look_up(api_as(None), appeal.reference, CODE.lower())
    assert response.status_code == 200
    facts = response.json()
    assert set(facts) == {
        "reference", "status", "status_label", "agency", "received_at", "due_at", "extended",
        "overdue", "deadline_words", "answered_at",
    }  # fmt: skip
    assert (facts["status"], facts["status_label"]) == ("answered", "Answered")
    assert facts["agency"] == people.agency.name_en and facts["answered_at"] is not None
    assert facts["overdue"] is False and facts["deadline_words"] == "Answered within the deadline."
    text = response.content.decode()
    for private in (people.citizen.full_name, people.citizen.email, appeal.subject, appeal.text):
        assert private not in text


def test_a_wrong_code_and_an_unknown_reference_are_one_404(appeal_in: MakeAppeal) -> None:
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    wrong = api_look_up(api_as(None), appeal.reference, "2222-2222")
    unknown = api_look_up(api_as(None), "ЖТ-2026-99999999", CODE)
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.content == unknown.content
    assert wrong.json()["error"]["code"] == "not_found"


def test_a_malformed_code_is_invalid(appeal_in: MakeAppeal) -> None:
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    response = api_look_up(api_as(None), appeal.reference, "O0I1L222")
    assert response.status_code == 400 and "code" in response.json()["error"]["field_errors"]


def test_lookups_are_limited_per_address(appeal_in: MakeAppeal, settings: Any) -> None:
    settings.STATUS_LOOKUPS_PER_HOUR = 2  # the API's tests start from empty counters
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    client = api_as(None)
    assert [api_look_up(client, appeal.reference, CODE).status_code for _ in range(2)] == [200] * 2
    refused = api_look_up(client, appeal.reference, CODE)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["error"]["code"] == "throttled"
    assert "Too many statuses were looked up" in refused.json()["error"]["message"]
    assert "registered" not in refused.content.decode()


def test_wrong_codes_lock_the_reference(appeal_in: MakeAppeal, settings: Any) -> None:
    settings.STATUS_WRONG_CODES_PER_DAY = 2
    appeal = with_code(appeal_in(Appeal.Status.REGISTERED))
    wrong = [api_look_up(api_as(None), appeal.reference, "2222-2222") for _ in range(2)]
    assert [response.status_code for response in wrong] == [404, 404]
    assert api_look_up(api_as(None), appeal.reference, CODE).status_code == 429


def test_the_schema_documents_the_operation() -> None:
    schema = api_as(None).get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/status/"]["post"]
    assert operation["operationId"] == "appeal_status"
    assert {"200", "404", "429"} <= set(operation["responses"])
