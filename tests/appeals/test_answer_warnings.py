"""The check against formal replies where the answer is sent: what blocks it, what warns
and how the warning is overridden (recorded), in the service, the back-office and the API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import translation

from appeals.answer_gate import AnswerRefused, AnswerWarned
from appeals.models import Appeal
from appeals.services import appeal_answer, hearing_object
from tests.api.test_api import api_as
from tests.appeals.test_hearings import OBJECTION, REFUSAL, hear
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db
MakeAppeal = Callable[[str], Appeal]
Status = Appeal.Status

BARE_REFUSAL = "Отказано."
SHORT = "Отопление дали."  # 2 words to an appeal of 11: the "short" warning
GOOD = (
    "Отопление в доме по улице Абая, 10 включено 20 ноября 2026 года после замены задвижки "
    "на вводе; подрядчик проверил давление во всех стояках."
)
REFUSAL_CODES = ["refusal_grounds", "refusal_basis", "refusal_challenge"]


def state(appeal: Appeal) -> tuple[object, ...]:
    appeal.refresh_from_db()
    return appeal.status, appeal.answer_text, appeal.answer_warned, appeal.events.count()


def codes(findings: object) -> list[str]:
    return [finding.code for finding in findings]  # type: ignore[attr-defined]


def answer(
    appeal: Appeal, people: People, kind: str, text: str, override_warnings: bool = False
) -> Appeal:
    return appeal_answer(
        appeal_id=appeal.pk, actor=people.executor, kind=kind, text=text,
        override_warnings=override_warnings,
    )  # fmt: skip


@pytest.fixture
def appeal(appeal_in: MakeAppeal) -> Appeal:
    return appeal_in(Status.IN_PROGRESS)


# --- The service ----------------------------------------------------------------------------


def test_a_bare_refusal_is_blocked_by_each_missing_part(appeal: Appeal, people: People) -> None:
    before = state(appeal)
    with pytest.raises(AnswerRefused) as refused:
        answer(appeal, people, "refused", BARE_REFUSAL, override_warnings=True)
    assert type(refused.value) is AnswerRefused  # blocking: no override helps
    assert codes(refused.value.check.blocking) == ["hearing", *REFUSAL_CODES]
    assert state(appeal) == before


def test_a_warned_answer_waits_for_the_override(appeal: Appeal, people: People) -> None:
    before = state(appeal)
    with pytest.raises(AnswerWarned) as warned:
        answer(appeal, people, "explained", SHORT)
    assert codes(warned.value.check.warnings) == ["short"] and not warned.value.check.blocking
    assert state(appeal) == before


def test_an_overridden_warning_is_recorded(appeal: Appeal, people: People) -> None:
    sent = answer(appeal, people, "explained", SHORT, override_warnings=True)
    assert (sent.status, sent.answer_warned) == (Status.ANSWERED, True)
    assert sent.events.get(action="appeal.answered").data["warnings"] == ["short"]


def test_an_answer_with_nothing_found_is_not_marked(appeal: Appeal, people: People) -> None:
    sent = answer(appeal, people, "satisfied", GOOD, override_warnings=True)
    assert sent.answer_warned is False
    assert "warnings" not in sent.events.get(action="appeal.answered").data


def test_a_proper_refusal_after_the_hearing_goes(appeal: Appeal, people: People) -> None:
    hear(appeal, people.executor)
    hearing_object(appeal_id=appeal.pk, actor=people.citizen, text=OBJECTION)
    assert answer(appeal, people, "refused", REFUSAL).answer_warned is False


# --- The back-office ------------------------------------------------------------------------


def act(appeal: Appeal) -> str:
    return reverse("backoffice:appeals_appeal_act", args=[appeal.pk, "answer"])


def test_the_form_shows_what_blocks_a_bare_refusal(appeal: Appeal, people: People) -> None:
    before = state(appeal)
    client = client_for(people.executor)
    data = {"kind": "refused", "text": BARE_REFUSAL}
    response = client.post(act(appeal), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    content = response.content.decode()
    assert all(f'data-code="{code}"' in content for code in ["hearing", *REFUSAL_CODES])
    assert "The refusal does not say why" in content and "cites no legal basis" in content
    assert 'name="override_warnings"' not in content  # nothing to override while it is blocked
    assert BARE_REFUSAL in content  # the text typed is kept
    assert state(appeal) == before


def test_the_send_anyway_box_appears_only_with_warnings(appeal: Appeal, people: People) -> None:
    client = client_for(people.executor)
    assert 'name="override_warnings"' not in client.get(act(appeal)).content.decode()
    warned = client.post(act(appeal), {"kind": "explained", "text": SHORT})
    content = warned.content.decode()
    assert warned.status_code == 200 and 'data-code="short"' in content
    assert 'name="override_warnings"' in content
    assert state(appeal)[0] == Status.IN_PROGRESS
    sent = client.post(act(appeal), {"kind": "explained", "text": SHORT, "override_warnings": "on"})
    assert sent.status_code == 302
    assert state(appeal)[:3] == (Status.ANSWERED, SHORT, True)


def test_the_check_button_sends_nothing(appeal: Appeal, people: People) -> None:
    before = state(appeal)
    client = client_for(people.executor)
    checked = client.post(act(appeal), {"kind": "satisfied", "text": GOOD, "check": "1"})
    assert checked.status_code == 200
    assert checked.context["check"].blocking == checked.context["check"].warnings == ()
    warned = client.post(act(appeal), {"kind": "explained", "text": SHORT, "check": "1"})
    assert codes(warned.context["check"].warnings) == ["short"]
    assert state(appeal) == before


# --- The API --------------------------------------------------------------------------------


def check_url(appeal: Appeal) -> str:
    return f"/api/v1/staff/appeals/{appeal.pk}/answer/check/"


def test_the_api_check_finds_without_sending(appeal: Appeal, people: People) -> None:
    before = state(appeal)
    response = api_as(people.head).post(
        check_url(appeal), {"kind": "refused", "text": BARE_REFUSAL}, format="json"
    )
    body = response.json()
    assert response.status_code == 200, body
    assert [f["code"] for f in body["blocking"]] == ["hearing", *REFUSAL_CODES]
    assert [f["code"] for f in body["warnings"]] == ["short"]
    assert all(f["message"] for f in body["blocking"] + body["warnings"])
    assert state(appeal) == before


@pytest.mark.parametrize(
    ("role", "status"),
    [("registrar", 403), ("controller", 403), ("citizen", 403), ("other_agency_head", 404)],
)
def test_the_api_check_is_for_who_may_answer(
    appeal: Appeal, people: People, role: str, status: int
) -> None:
    data = {"kind": "explained", "text": SHORT}
    response = api_as(getattr(people, role)).post(check_url(appeal), data, format="json")
    assert response.status_code == status


def test_the_api_check_of_an_answered_appeal_is_a_conflict(
    appeal_in: MakeAppeal, people: People
) -> None:
    answered = appeal_in(Status.ANSWERED)
    data = {"kind": "explained", "text": GOOD}
    response = api_as(people.executor).post(check_url(answered), data, format="json")
    assert response.status_code == 409


def test_the_api_answer_gives_the_findings_and_takes_the_override(
    appeal: Appeal, people: People
) -> None:
    client, url = api_as(people.executor), f"/api/v1/staff/appeals/{appeal.pk}/answer/"
    blocked = client.post(url, {"kind": "refused", "text": BARE_REFUSAL}, format="json")
    assert (blocked.status_code, blocked.json()["error"]["code"]) == (400, "answer_blocked")
    warned = client.post(url, {"kind": "explained", "text": SHORT}, format="json")
    error = warned.json()["error"]
    assert (warned.status_code, error["code"]) == (409, "answer_warned")
    assert [f["code"] for f in error["warnings"]] == ["short"] and error["blocking"] == []
    assert state(appeal)[0] == Status.IN_PROGRESS
    data = {"kind": "explained", "text": SHORT, "override_warnings": True}
    sent = client.post(url, data, format="json")
    assert sent.status_code == 200, sent.json()
    assert state(appeal)[:3] == (Status.ANSWERED, SHORT, True)


def test_the_findings_are_in_the_readers_language(appeal: Appeal, people: People) -> None:
    with translation.override("en"), pytest.raises(AnswerWarned) as warned:
        answer(appeal, people, "explained", SHORT)
    assert warned.value.message.startswith("Check the answer before it is sent:")
