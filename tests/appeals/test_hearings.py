"""The hearing before a refusal (APPC art. 73): the notice, the objection within its period,
and the refusal that waits for one or the other; on the pages, in emails and in the API."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from agencies.workdays import ALMATY
from appeals.hearings import objection_deadline, refusal_hearing_problem
from appeals.models import Appeal, AppealEvent, Attachment, Hearing
from appeals.services import appeal_answer, appeal_forward, appeal_hear, hearing_object
from appeals.timeline import describe
from core.refusals import ActionRefused
from notifications.models import Notification
from tests.api.test_api import api_as
from tests.conftest import People, client_for
from tests.files import pdf
from tests.security.access_world import complaint_in_progress

pytestmark = pytest.mark.django_db
MakeAppeal = Callable[[str], Appeal]
Status = Appeal.Status

INTENDED = (
    "Намерены отказать в ремонте крыши: дом по улице Абая, 10 не включён в программу "
    "капитального ремонта на 2026 год (пункт 2 статьи 73 АППК)."
)
OBJECTION = "Не согласна: дом включён в программу решением маслихата, копия прилагается."
# A refusal that states its grounds, its legal basis and how to challenge it.
REFUSAL = (
    "Отказать в ремонте крыши: проверкой установлено, что дом по улице Абая, 10 не включён "
    "в программу капитального ремонта на 2026–2028 годы. Основание: пункт 2 статьи 73 АППК. "
    "Ответ можно обжаловать в вышестоящий орган или в суд в течение трёх месяцев."
)
# A week without public holidays: the notice on Monday, objections until Wednesday's end.
MONDAY = datetime.datetime(2026, 2, 16, 10, 0, tzinfo=ALMATY)
WEDNESDAY_LAST_MINUTE = datetime.datetime(2026, 2, 18, 23, 59, tzinfo=ALMATY)
THURSDAY = datetime.datetime(2026, 2, 19, 9, 0, tzinfo=ALMATY)
LATER = "If the refusal comes, you can complain about it."


def at(moment: datetime.datetime) -> time_machine.travel:
    return time_machine.travel(moment, tick=False)


def hear(appeal: Appeal, actor: User) -> Appeal:
    return appeal_hear(appeal_id=appeal.pk, actor=actor, intended=INTENDED)


def refuse(appeal: Appeal, actor: User, text: str = REFUSAL) -> Appeal:
    return appeal_answer(appeal_id=appeal.pk, actor=actor, kind="refused", text=text)


def refused_after_hearing(appeal: Appeal, executor: User) -> Appeal:
    """A refusal sent as the law has it: the applicant told of it, objects, then the refusal."""
    hear(appeal, executor)
    hearing_object(appeal_id=appeal.pk, actor=appeal.applicant, text=OBJECTION)
    return refuse(appeal, executor)


@pytest.fixture
def heard(people: People, appeal_in: MakeAppeal) -> Appeal:
    """An appeal in progress whose applicant was told on MONDAY of an intended refusal."""
    with at(MONDAY):
        return hear(appeal_in(Status.IN_PROGRESS), people.executor)


def state(appeal: Appeal) -> tuple[object, ...]:
    """What a refused step must leave as it was."""
    appeal.refresh_from_db()
    hearings = list(Hearing.objects.filter(appeal=appeal).values_list("objection", "objected_at"))
    return appeal.status, appeal.answer_text, appeal.events.count(), hearings


# --- The period -------------------------------------------------------------------------------


def test_objections_run_to_the_end_of_the_second_working_day_after_the_notice() -> None:
    friday = datetime.datetime(2026, 2, 13, 17, 0, tzinfo=ALMATY)
    until = objection_deadline(friday).astimezone(ALMATY)
    assert (until.date(), until.hour, until.minute) == (datetime.date(2026, 2, 17), 23, 59)


def test_the_period_is_a_setting(settings: Any) -> None:
    settings.HEARING_WORKING_DAYS = 3
    assert objection_deadline(MONDAY).astimezone(ALMATY).date() == datetime.date(2026, 2, 19)


def test_the_notice_records_its_period(heard: Appeal, people: People) -> None:
    hearing = heard.hearings.get()
    assert (hearing.intended, hearing.notified_by, hearing.notified_at) == (
        INTENDED, people.executor, MONDAY,
    )  # fmt: skip
    assert hearing.objection_until.astimezone(ALMATY).date() == datetime.date(2026, 2, 18)
    event = heard.events.get(action="appeal.hearing_notified")
    assert event.data["hearing"] == hearing.pk and event.comment == INTENDED


# --- The refusal waits ---------------------------------------------------------------------


def test_a_refusal_without_a_hearing_is_refused(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    before = state(appeal)
    with translation.override("en"), pytest.raises(ActionRefused) as refused:
        refuse(appeal, people.executor)
    assert "notify the applicant" in refused.value.message
    assert state(appeal) == before


def test_a_refusal_within_the_period_without_an_objection_is_refused(
    heard: Appeal, people: People
) -> None:
    before = state(heard)
    with (
        at(WEDNESDAY_LAST_MINUTE),
        translation.override("en"),
        pytest.raises(ActionRefused) as refused,
    ):
        refuse(heard, people.executor)
    assert "may object to the intended refusal until 18.02.2026" in refused.value.message
    assert state(heard) == before


def test_a_refusal_after_the_objection_is_sent_and_ends_the_hearing(
    heard: Appeal, people: People
) -> None:
    with at(MONDAY + datetime.timedelta(hours=2)):
        hearing_object(appeal_id=heard.pk, actor=people.citizen, text=OBJECTION)
        refused = refuse(heard, people.executor)
    assert (refused.status, refused.answer_kind) == (Status.ANSWERED, "refused")
    assert heard.hearings.get().concluded_at == refused.answered_at


def test_a_refusal_after_the_period_is_sent(heard: Appeal, people: People) -> None:
    with at(THURSDAY):
        assert refuse(heard, people.head).status == Status.ANSWERED


def test_other_answers_need_no_hearing_and_end_one(heard: Appeal, people: People) -> None:
    text = "Крышу дома по улице Абая, 10 отремонтируют до 1 июня 2026 года: подрядчик назначен."
    appeal_answer(appeal_id=heard.pk, actor=people.executor, kind="satisfied", text=text)
    assert heard.hearings.get().concluded_at is not None


def test_a_forwarded_appeal_is_heard_again_by_its_new_body(heard: Appeal, people: People) -> None:
    with at(THURSDAY):
        appeal_forward(appeal_id=heard.pk, actor=people.head, to_agency=people.other_agency,
                       reason="Дом на балансе другого акимата")  # fmt: skip
    heard.refresh_from_db()
    heard.status = Status.IN_PROGRESS  # as if registered and assigned there
    assert refusal_hearing_problem(heard, THURSDAY) is not None


# --- Who may give notice --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["registrar", "controller", "other_agency_head"])
def test_only_the_executor_or_the_head_gives_notice(
    people: People, appeal_in: MakeAppeal, role: str
) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    with pytest.raises(ActionRefused) as refused:
        hear(appeal, getattr(people, role))
    assert refused.value.forbidden
    assert not Hearing.objects.filter(appeal=appeal).exists()


def test_one_notice_at_a_time_until_the_objection(heard: Appeal, people: People) -> None:
    with at(MONDAY), translation.override("en"), pytest.raises(ActionRefused) as refused:
        hear(heard, people.head)
    assert "notified already" in refused.value.message
    with at(MONDAY + datetime.timedelta(hours=1)):
        hearing_object(appeal_id=heard.pk, actor=people.citizen, text=OBJECTION)
        hear(heard, people.head)  # new grounds, after the objection: a new hearing
        with pytest.raises(ActionRefused):  # which the refusal now waits for
            refuse(heard, people.executor)
    assert heard.hearings.count() == 2


def test_a_complaint_is_decided_without_a_hearing(people: People) -> None:
    complaint = complaint_in_progress(people)
    with pytest.raises(ActionRefused):
        hear(complaint, people.executor)


def test_an_empty_notice_is_refused(people: People, appeal_in: MakeAppeal) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    with pytest.raises(ActionRefused):
        appeal_hear(appeal_id=appeal.pk, actor=people.executor, intended="  ")


# --- The objection --------------------------------------------------------------------------


def test_the_applicant_objects_with_a_file(heard: Appeal, people: People) -> None:
    url = reverse("appeals:objection", args=[heard.pk])
    with at(MONDAY + datetime.timedelta(hours=3)):
        response = client_for(people.citizen).post(url, {"text": OBJECTION, "attachments": pdf()})
    assert response.status_code == 302
    assert response["Location"] == reverse("appeals:detail", args=[heard.pk]) + "#hearing"
    hearing = heard.hearings.get()
    assert (hearing.objection, hearing.objected_at) == (
        OBJECTION,
        MONDAY + datetime.timedelta(hours=3),
    )
    assert heard.attachments.get().kind == Attachment.Kind.OBJECTION
    assert heard.events.filter(action="appeal.objected").count() == 1


def test_an_objection_after_the_period_is_refused_in_words_and_changes_nothing(
    heard: Appeal, people: People
) -> None:
    before = state(heard)
    client = client_for(people.citizen)
    url = reverse("appeals:objection", args=[heard.pk])
    with at(THURSDAY):
        response = client.post(url, {"text": OBJECTION}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
        api = api_as(people.citizen).post(f"/api/v1/appeals/{heard.pk}/objection/",
                                          {"text": OBJECTION}, format="json")  # fmt: skip
        with translation.override("en"), pytest.raises(ActionRefused) as refused:
            hearing_object(appeal_id=heard.pk, actor=people.citizen, text=OBJECTION)
    said = "The period for objections ended on 18.02.2026: your objection was not accepted."
    assert said in refused.value.message
    assert [str(m) for m in response.context["messages"]] == [said + " " + LATER]
    assert api.status_code == 409 and said in api.json()["error"]["message"]
    assert state(heard) == before


def test_an_objection_is_taken_once(heard: Appeal, people: People) -> None:
    with at(MONDAY):
        hearing_object(appeal_id=heard.pk, actor=people.citizen, text=OBJECTION)
        before = state(heard)
        with translation.override("en"), pytest.raises(ActionRefused) as refused:
            hearing_object(appeal_id=heard.pk, actor=people.citizen, text="Ещё одно возражение")
    assert "already objected" in refused.value.message
    assert state(heard) == before


@pytest.mark.parametrize("role", ["other_citizen", "executor", "head", "other_agency_head"])
def test_only_the_applicant_objects(heard: Appeal, people: People, role: str) -> None:
    who = getattr(people, role)
    before = state(heard)
    with at(MONDAY):
        page = client_for(who).post(reverse("appeals:objection", args=[heard.pk]),
                                     {"text": OBJECTION})  # fmt: skip
        api = api_as(who).post(f"/api/v1/appeals/{heard.pk}/objection/", {"text": OBJECTION},
                               format="json")  # fmt: skip
        with pytest.raises(ActionRefused) as refused:
            hearing_object(appeal_id=heard.pk, actor=who, text=OBJECTION)
    assert (page.status_code, api.status_code, refused.value.forbidden) == (404, 404, True)
    assert state(heard) == before


def test_there_is_nothing_to_object_to_without_a_notice(
    people: People, appeal_in: MakeAppeal
) -> None:
    appeal = appeal_in(Status.IN_PROGRESS)
    response = client_for(people.citizen).post(
        reverse("appeals:objection", args=[appeal.pk]), {"text": OBJECTION}
    )
    assert response.status_code == 302 and not Hearing.objects.filter(appeal=appeal).exists()
    assert appeal.events.filter(action="appeal.objected").count() == 0


def test_an_empty_objection_is_shown_again_with_the_error(heard: Appeal, people: People) -> None:
    with at(MONDAY):
        response = client_for(people.citizen).post(
            reverse("appeals:objection", args=[heard.pk]), {"text": ""}
        )
    assert response.status_code == 200 and response.context["form"].errors["text"]
    assert heard.hearings.get().objected_at is None


# --- What each one reads --------------------------------------------------------------------


def test_the_email_tells_of_the_refusal_and_links_the_page(heard: Appeal) -> None:
    notice = Notification.objects.filter(kind="appeal.hearing").get()
    assert INTENDED in notice.body and "18.02.2026" in notice.body
    assert f"/appeals/{heard.pk}/#hearing" in notice.body


def test_the_executor_is_told_of_the_objection(heard: Appeal, people: People) -> None:
    with at(MONDAY):
        hearing_object(appeal_id=heard.pk, actor=people.citizen, text=OBJECTION)
    notice = Notification.objects.get(kind="appeal.objected")
    assert notice.recipient_id == people.executor.pk and OBJECTION in notice.body


def test_the_citizen_page_shows_the_refusal_intended_and_the_form(
    heard: Appeal, people: People
) -> None:
    client = client_for(people.citizen)
    detail = reverse("appeals:detail", args=[heard.pk])
    with at(MONDAY):
        page = client.get(detail).content.decode()
        assert INTENDED in page and reverse("appeals:objection", args=[heard.pk]) in page
        hearing_object(appeal_id=heard.pk, actor=people.citizen, text=OBJECTION)
        page = client.get(detail).content.decode()
    assert OBJECTION in page and reverse("appeals:objection", args=[heard.pk]) not in page


def test_the_backoffice_page_shows_the_hearing_and_the_objection(
    heard: Appeal, people: People
) -> None:
    with at(MONDAY):
        hearing_object(appeal_id=heard.pk, actor=people.citizen, text=OBJECTION)
        page = client_for(people.executor).get(
            reverse("backoffice:appeals_appeal_change", args=[heard.pk])
        )
    content = page.content.decode()
    assert INTENDED in content and OBJECTION in content


def test_the_hear_form_explains_the_period_and_the_deadline(
    people: People, appeal_in: MakeAppeal
) -> None:
    with at(MONDAY):
        appeal = appeal_in(Status.IN_PROGRESS)
        url = reverse("backoffice:appeals_appeal_act", args=[appeal.pk, "hear"])
        with translation.override("en"):
            page = client_for(people.executor).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "until 18.02.2026 to object" in page.context["note"]
    assert "does not stop" in page.context["note"]


def test_the_timeline_shows_each_step(heard: Appeal, people: People) -> None:
    with at(MONDAY):
        hearing_object(appeal_id=heard.pk, actor=people.citizen, text=OBJECTION)
        refuse(heard, people.executor)
    events = AppealEvent.objects.filter(appeal=heard).order_by("pk")
    with translation.override("en"):
        lines = [describe(event) for event in events][-3:]
    assert lines == [
        "The applicant was told of an intended refusal and may object until 18.02.2026",
        "The applicant objected to the intended refusal",
        "Answered: Refused",
    ]
    body = api_as(people.citizen).get(f"/api/v1/appeals/{heard.pk}/").json()
    assert [item["comment"] for item in body["timeline"]][-3:-1] == [INTENDED, OBJECTION]
