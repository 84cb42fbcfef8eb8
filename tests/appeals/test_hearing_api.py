"""The hearing before a refusal through the API: the notice, the objection with files, the
refusal refused with its finding before the hearing; and two objections at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from appeals.models import Appeal
from appeals.services import hearing_object
from tests.api.test_api import api_as
from tests.appeals.test_hearings import INTENDED, MONDAY, OBJECTION, REFUSAL, at, hear, heard
from tests.conftest import People
from tests.files import pdf
from tests.threads import run_together

pytestmark = pytest.mark.django_db
MakeAppeal = Callable[[str], Appeal]
Status = Appeal.Status
__all__ = ["heard"]  # the fixture of test_hearings, used here too


# --- The API --------------------------------------------------------------------------------


def test_the_api_gives_notice_and_the_applicant_objects_with_a_file(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    staff = api_as(people.executor)
    heard = staff.post(f"/api/v1/staff/appeals/{appeal.pk}/hear/", {"intended": INTENDED},
                       format="json")  # fmt: skip
    assert heard.status_code == 200, heard.json()
    assert heard.json()["hearings"][0]["intended"] == INTENDED
    objected = api_as(people.citizen).post(
        f"/api/v1/appeals/{appeal.pk}/objection/", {"text": OBJECTION, "attachments": [pdf()]},
        format="multipart",
    )  # fmt: skip
    assert objected.status_code == 200, objected.json()
    hearing = objected.json()["hearings"][0]
    assert hearing["objection"] == OBJECTION and hearing["objected_at"]
    assert [f["kind"] for f in objected.json()["attachments"]] == ["objection"]
    seen = staff.get(f"/api/v1/staff/appeals/{appeal.pk}/").json()["hearings"][0]
    assert seen["objection"] == OBJECTION


def test_the_api_refuses_a_refusal_before_the_hearing_with_its_finding(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    response = api_as(people.executor).post(
        f"/api/v1/staff/appeals/{appeal.pk}/answer/", {"kind": "refused", "text": REFUSAL},
        format="json",
    )  # fmt: skip
    error = response.json()["error"]
    assert (response.status_code, error["code"]) == (400, "answer_blocked")
    assert [finding["code"] for finding in error["blocking"]] == ["hearing"]


def test_the_api_refuses_a_second_objection(heard: Appeal, people: People) -> None:
    client, url = api_as(people.citizen), f"/api/v1/appeals/{heard.pk}/objection/"
    with at(MONDAY):
        assert client.post(url, {"text": OBJECTION}, format="json").status_code == 200
        again = client.post(url, {"text": "Ещё"}, format="json")
    assert again.status_code == 409 and "already objected" in again.json()["error"]["message"]


# --- At the same moment ---------------------------------------------------------------------


@pytest.fixture
def now_monday() -> Iterator[None]:
    with at(MONDAY):
        yield


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush", "now_monday")
def test_two_objections_at_once_make_one(people: People, appeal_in: MakeAppeal) -> None:
    appeal = hear(appeal_in(Status.IN_PROGRESS), people.executor)
    outcomes = run_together(*[
        lambda text=text: hearing_object(appeal_id=appeal.pk, actor=people.citizen, text=text)
        for text in ("Первое возражение", "Второе возражение")
    ])  # fmt: skip
    assert sorted(outcome.split(":")[0] for outcome in outcomes) == ["refused", "won"], outcomes
    assert appeal.events.filter(action="appeal.objected").count() == 1
