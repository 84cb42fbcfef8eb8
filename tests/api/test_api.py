"""Each API operation for the role that may use it and for the roles that may not."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.models import User
from appeals.models import Appeal
from appeals.services import extension_limit
from core.api_policies import WriteThrottle
from tests.conftest import People, submit_appeal
from tests.factories import api_token
from tests.files import png

pytestmark = pytest.mark.django_db
MakeAppeal = Callable[[str], Appeal]


def api_as(user: User | None, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def new_appeal(**overrides: Any) -> dict[str, Any]:
    return {
        "type": "application", "category": "housing-heating", "region": "KZ-75",
        "addressee": "akimat-kz-75", "subject": "Нет отопления",
        "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.", "language": "ru",
        "consent": True, **overrides,
    }  # fmt: skip


def complaint_about(pk: int) -> dict[str, Any]:
    """A complaint about an appeal of the Almaty akimat: to the Government above it."""
    return new_appeal(type="complaint", complaint_of=pk, addressee="government")


@pytest.mark.parametrize(
    "url", ["/api/v1/regions/", "/api/v1/agencies/?kind=ministry", "/api/v1/categories/",
            "/api/v1/appeal-types/", "/api/v1/rankings/snapshots/"],
)  # fmt: skip
def test_reference_data_is_public(url: str) -> None:
    assert api_as(None).get(url).status_code == 200


def test_agencies_filter_by_kind_and_region() -> None:
    body = api_as(None).get("/api/v1/agencies/", {"region": "KZ-75", "kind": "local"}).json()
    assert {a["code"] for a in body} >= {"akimat-kz-75-almaly"}
    assert all(a["kind"] == "local" for a in body)


def test_routing(people: People) -> None:
    category = api_as(None).get("/api/v1/categories/").json()
    heating = next(c["id"] for c in category if c["code"] == "housing-heating")
    body = api_as(None).get("/api/v1/routing/", {"category": heating, "region": "KZ-71"}).json()
    assert body["agency"]["code"] == "akimat-kz-71"
    assert body["reason"]
    bad = api_as(None).get("/api/v1/routing/", {"category": heating, "region": "XX"})
    assert bad.status_code == 404  # well formed, names nothing
    assert set(bad.json()["error"]) == {"code", "message", "field_errors"}
    assert "region" in bad.json()["error"]["field_errors"]
    malformed = api_as(None).get("/api/v1/routing/", {"category": "heating", "region": "KZ-71"})
    assert malformed.status_code == 400
    assert "category" in malformed.json()["error"]["field_errors"]


def test_token_for_email_and_password(people: People) -> None:
    ok = api_as(None).post(
        "/api/v1/auth/token/",
        {"email": people.citizen.email, "password": "correct horse battery"},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["token"]
    wrong = api_as(None).post(
        "/api/v1/auth/token/", {"email": people.citizen.email, "password": "x"}, format="json"
    )
    assert wrong.status_code == 401


def test_a_citizen_sends_an_appeal_with_a_file_and_an_idempotency_key(people: People) -> None:
    client = api_as(people.citizen)
    data = {**new_appeal(), "attachments": [png()]}
    key = "0b9b3c9e-8f4e-4c55-9d0c-6a1b2c3d4e5f"
    first = client.post("/api/v1/appeals/", data, format="multipart", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == 201, first.json()
    again = client.post(
        "/api/v1/appeals/", {**new_appeal(), "attachments": [png()]}, format="multipart",
        HTTP_IDEMPOTENCY_KEY=key,
    )  # fmt: skip
    assert again.status_code == 200
    assert again.json()["reference"] == first.json()["reference"]
    assert Appeal.objects.filter(applicant=people.citizen).count() == 1
    assert len(first.json()["attachments"]) == 1
    # The first reply shows what was just written without reading it back; the second
    # reads it all: the two say the same.
    written, read_back = (
        {name: value for name, value in reply.json().items() if name != "lookup_code"}
        for reply in (first, again)
    )
    assert written == read_back


def test_invalid_input_gets_one_error_shape_in_the_readers_language(people: People) -> None:
    response = api_as(people.citizen, "ru").post(
        "/api/v1/appeals/", new_appeal(subject="", consent=False), format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["field_errors"]) == {"subject", "consent"}
    assert "согласия" in " ".join(error["field_errors"]["consent"])


def test_anonymous_cannot_send_or_list() -> None:
    assert api_as(None).get("/api/v1/appeals/").status_code == 401
    assert api_as(None).post("/api/v1/appeals/", new_appeal(), format="json").status_code == 401


def test_a_citizen_lists_and_reads_only_their_own(people: People) -> None:
    mine = submit_appeal(people.citizen, people.agency)
    theirs = submit_appeal(people.other_citizen, people.agency)
    listing = api_as(people.citizen).get("/api/v1/appeals/", {"status": "submitted"}).json()
    assert [a["reference"] for a in listing["results"]] == [mine.reference]
    assert api_as(people.citizen).get(f"/api/v1/appeals/{mine.pk}/").json()["timeline"]
    assert api_as(people.citizen).get(f"/api/v1/appeals/{theirs.pk}/").status_code == 404
    assert api_as(people.head).get(f"/api/v1/appeals/{mine.pk}/").status_code == 404


def test_withdraw_and_rate(people: People, appeal_in: MakeAppeal) -> None:
    open_one, answered = appeal_in("registered"), appeal_in("answered")
    client = api_as(people.citizen)
    assert (
        client.post(f"/api/v1/appeals/{open_one.pk}/withdraw/", {}, format="json").json()["status"]
        == "withdrawn"
    )
    conflict = client.post(f"/api/v1/appeals/{answered.pk}/withdraw/", {}, format="json")
    assert conflict.status_code == 409
    rated = client.post(
        f"/api/v1/appeals/{answered.pk}/rating/",
        {"satisfied": False, "reason": "formal"}, format="json",
    )  # fmt: skip
    assert rated.json()["satisfied"] is False
    other = api_as(people.other_citizen).post(
        f"/api/v1/appeals/{answered.pk}/rating/", {"satisfied": True}, format="json"
    )
    assert other.status_code == 404


def test_a_complaint_through_the_api(people: People, appeal_in: MakeAppeal) -> None:
    answered = appeal_in("answered")
    response = api_as(people.citizen).post(
        "/api/v1/appeals/", complaint_about(answered.pk), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["complaint_of"] == answered.pk
    stranger = api_as(people.other_citizen).post(
        "/api/v1/appeals/", complaint_about(answered.pk), format="json"
    )
    # Refused exactly like an appeal that does not exist: no hint that it does.
    missing = api_as(people.other_citizen).post(
        "/api/v1/appeals/", complaint_about(10**9), format="json"
    )
    assert stranger.status_code == missing.status_code == 404
    said = stranger.json()["error"]["field_errors"]["complaint_of"][0]
    assert said.replace(str(answered.pk), "N") == missing.json()["error"]["field_errors"][
        "complaint_of"
    ][0].replace(str(10**9), "N")


def test_staff_queues_are_scoped(people: People) -> None:
    ours = submit_appeal(people.citizen, people.agency)
    submit_appeal(people.citizen, people.other_agency)
    for role in ("registrar", "executor", "head", "controller", "front_office"):
        body = api_as(getattr(people, role)).get("/api/v1/staff/appeals/").json()
        assert [a["reference"] for a in body["results"]] == [ours.reference], role
    queue = api_as(people.head).get("/api/v1/staff/appeals/", {"queue": "registration"}).json()
    assert len(queue["results"]) == 1
    assert api_as(people.citizen).get("/api/v1/staff/appeals/").status_code == 403
    assert api_as(None).get("/api/v1/staff/appeals/").status_code == 401
    assert (
        api_as(people.other_agency_head).get(f"/api/v1/staff/appeals/{ours.pk}/").status_code == 404
    )


@pytest.mark.parametrize(
    ("action", "status", "data", "allowed"),
    [
        ("register", "submitted", {}, {"registrar", "head"}),
        ("forward", "registered", {"reason": "Не наше"}, {"registrar", "head"}),
        ("assign", "registered", {}, {"head"}),
        (
            "answer",
            "in_progress",
            {"kind": "explained", "text": "Ответ", "override_warnings": True},
            {"executor", "head"},
        ),
        ("terminate", "registered", {"reason": "no_substance"}, {"head"}),
        ("extend", "in_progress", {"reason": "Экспертиза"}, {"head"}),
    ],
)
def test_each_staff_action_by_role(
    people: People, appeal_in: MakeAppeal, action: str, status: str, data: dict[str, Any],
    allowed: set[str],
) -> None:  # fmt: skip
    for role in ("registrar", "executor", "head", "controller", "front_office"):
        appeal = appeal_in(status)
        payload = {**data}
        if action == "forward":
            payload["to_agency"] = people.other_agency.pk
        if action == "assign":
            payload["executor"] = people.executor.pk
        if action == "extend":
            payload["until"] = _working_day_before(extension_limit(appeal)).isoformat()
        response = api_as(getattr(people, role)).post(
            f"/api/v1/staff/appeals/{appeal.pk}/{action}/", payload, format="json"
        )
        expected = 200 if role in allowed else 403
        assert response.status_code == expected, (role, response.json())
    appeal = appeal_in(status)
    outsider = api_as(people.other_agency_head).post(
        f"/api/v1/staff/appeals/{appeal.pk}/{action}/", data, format="json"
    )
    assert outsider.status_code == 404
    citizen = api_as(people.citizen).post(
        f"/api/v1/staff/appeals/{appeal.pk}/{action}/", data, format="json"
    )
    assert citizen.status_code == 403


def test_a_staff_action_on_a_changed_appeal_is_a_conflict(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = appeal_in("answered")
    response = api_as(people.head).post(
        f"/api/v1/staff/appeals/{appeal.pk}/answer/", {"kind": "explained", "text": "Ещё"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_writes_are_throttled_per_user(people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WriteThrottle, "THROTTLE_RATES", {"writes": "2/hour"})
    client = api_as(people.citizen)
    codes = [
        client.post("/api/v1/appeals/", new_appeal(), format="json").status_code for _ in range(3)
    ]
    assert codes == [201, 201, 429]
    assert client.get("/api/v1/appeals/").status_code == 200  # reading is not limited
    assert (
        api_as(people.other_citizen)
        .post("/api/v1/appeals/", new_appeal(), format="json")
        .status_code
        == 201
    )  # per user


def _working_day_before(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def test_the_schema_has_no_warnings() -> None:
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert "/api/v1/staff/appeals/{id}/answer/" in out.getvalue()


def test_a_front_office_operator_sends_for_a_walk_in(people: People) -> None:
    walk_in = {**new_appeal(), "iin": "850210400505", "full_name": "Ержан Walk-in"}
    sent = api_as(people.front_office).post("/api/v1/staff/front-office/", walk_in, format="json")
    assert sent.status_code == 201, sent.json()
    assert Appeal.objects.get(pk=sent.json()["id"]).applicant.iin_bin == "850210400505"
    for refused in (people.registrar, people.head):
        response = api_as(refused).post("/api/v1/staff/front-office/", walk_in, format="json")
        assert response.status_code == 409 or response.status_code == 403
    assert (
        api_as(people.citizen)
        .post("/api/v1/staff/front-office/", walk_in, format="json")
        .status_code
        == 403
    )
    bad = api_as(people.front_office).post(
        "/api/v1/staff/front-office/", {**walk_in, "iin": "850210400506"}, format="json"
    )
    assert "iin" in bad.json()["error"]["field_errors"]
