"""The body's questions to the applicant and the replies: asking (a workflow action), the
reply on the appeal's page and through the API, who may do what, and what each shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from accounts.models import User
from appeals.answer_templates import check_placeholders
from appeals.demo_exchange import demo_questions, demo_templates
from appeals.models import AnswerTemplate, Appeal, AppealEvent, Attachment, Question
from appeals.services import appeal_ask, appeal_withdraw, question_reply
from appeals.timeline import describe
from core.refusals import ActionRefused
from notifications.models import Notification
from tests.conftest import People
from tests.conftest import client_for as _client_for
from tests.factories import MembershipFactory, api_token
from tests.files import executable, pdf


def client_for(user: User) -> Client:
    """A logged-in client whose pages come in English, which these tests read."""
    client = _client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


pytestmark = pytest.mark.django_db
AppealIn = Callable[[str], Appeal]
ASKED = "Уточните номер квартиры и подъезд."


@pytest.fixture
def appeal(appeal_in: AppealIn) -> Appeal:
    return appeal_in(Appeal.Status.IN_PROGRESS)


def ask(appeal: Appeal, people: People, kind: str = "clarification") -> Question:
    appeal_ask(appeal_id=appeal.pk, actor=people.executor, kind=kind, text=ASKED)
    return appeal.questions.latest("pk")


def reply_url(question: Question) -> str:
    return reverse("appeals:question_reply", args=[question.appeal_id, question.pk])


def api_reply_url(question: Question) -> str:
    return f"/api/v1/appeals/{question.appeal_id}/questions/{question.pk}/reply/"


def api_as(user: Any) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {api_token(user)}", HTTP_ACCEPT_LANGUAGE="en")


def state(appeal: Appeal) -> tuple[Any, ...]:
    replies = list(appeal.questions.values_list("reply", "replied_at"))
    return (replies, appeal.attachments.count(), appeal.events.count())


# --- Asking ----------------------------------------------------------------------------------


def test_the_executor_asks_and_the_citizen_is_told_with_a_link(
    appeal: Appeal, people: People
) -> None:
    question = ask(appeal, people)
    assert (question.kind, question.text, question.asked_by) == (
        "clarification",
        ASKED,
        people.executor,
    )
    event = appeal.events.latest("pk")
    assert event.action == "appeal.question_asked" and event.data["question"] == question.pk
    notice = Notification.objects.filter(kind="appeal.question", recipient=people.citizen).get()
    assert ASKED in notice.body
    assert f"/appeals/{appeal.pk}/#question-{question.pk}" in notice.body


def test_the_head_may_ask_a_registered_appeal(appeal_in: AppealIn, people: People) -> None:
    registered = appeal_in(Appeal.Status.REGISTERED)
    appeal_ask(appeal_id=registered.pk, actor=people.head, kind="document", text=ASKED)
    assert registered.questions.get().kind == "document"


@pytest.mark.parametrize("role", ["registrar", "controller", "front_office", "other_agency_head"])
def test_others_may_not_ask(appeal: Appeal, people: People, role: str) -> None:
    with pytest.raises(ActionRefused) as refused:
        appeal_ask(
            appeal_id=appeal.pk, actor=getattr(people, role), kind="clarification", text=ASKED
        )
    assert refused.value.forbidden
    assert not appeal.questions.exists()


def test_an_executor_not_assigned_may_not_ask(appeal: Appeal, people: People) -> None:
    colleague = MembershipFactory.create(agency=people.agency, role="executor").user
    with translation.override("en"), pytest.raises(ActionRefused) as refused:
        appeal_ask(appeal_id=appeal.pk, actor=colleague, kind="clarification", text=ASKED)
    assert "assigned executor" in refused.value.message


def test_an_answered_appeal_is_asked_nothing(appeal_in: AppealIn, people: People) -> None:
    answered = appeal_in(Appeal.Status.ANSWERED)
    with pytest.raises(ActionRefused):
        appeal_ask(appeal_id=answered.pk, actor=people.executor, kind="clarification", text=ASKED)


@pytest.mark.parametrize(("kind", "text"), [("clarification", "  "), ("anything", ASKED)])
def test_a_question_needs_its_kind_and_text(
    appeal: Appeal, people: People, kind: str, text: str
) -> None:
    with pytest.raises(ActionRefused):
        appeal_ask(appeal_id=appeal.pk, actor=people.executor, kind=kind, text=text)
    assert appeal.events.filter(action="appeal.question_asked").count() == 0


def test_the_back_office_form_asks(appeal: Appeal, people: People) -> None:
    url = reverse("backoffice:appeals_appeal_act", args=[appeal.pk, "ask"])
    executor = client_for(people.executor)
    with translation.override("en"):
        form_page = executor.get(url).content.decode()
    assert "does not stop the deadline" in form_page and "art. 76" in form_page
    response = executor.post(url, {"kind": "document", "text": ASKED})
    assert response.status_code == 302
    assert appeal.questions.get().kind == "document"


def test_the_staff_api_asks(appeal: Appeal, people: People) -> None:
    response = api_as(people.head).post(
        f"/api/v1/staff/appeals/{appeal.pk}/ask/", {"kind": "clarification", "text": ASKED}
    )
    assert response.status_code == 200
    assert response.json()["questions"][0]["text"] == ASKED


def test_staff_of_another_agency_cannot_ask_through_the_api(appeal: Appeal, people: People) -> None:
    response = api_as(people.other_agency_head).post(
        f"/api/v1/staff/appeals/{appeal.pk}/ask/", {"kind": "clarification", "text": ASKED}
    )
    assert response.status_code == 404
    assert not appeal.questions.exists()


# --- Replying on the page --------------------------------------------------------------------


def test_the_citizen_sees_the_question_and_the_deadline_rule(
    appeal: Appeal, people: People
) -> None:
    question = ask(appeal, people)
    with translation.override("en"):
        page = client_for(people.citizen).get(reverse("appeals:detail", args=[appeal.pk]))
    content = page.content.decode()
    assert ASKED in content and f'id="question-{question.pk}"' in content
    assert "does not stop the deadline" in content and "art. 76" in content
    assert reply_url(question) in content


def test_the_citizen_replies_with_text_and_a_file(appeal: Appeal, people: People) -> None:
    question = ask(appeal, people)
    response = client_for(people.citizen).post(
        reply_url(question), {"text": "Квартира 12, подъезд 2.", "attachments": [pdf("plan.pdf")]}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/appeals/{appeal.pk}/#question-{question.pk}")
    question.refresh_from_db()
    assert question.reply == "Квартира 12, подъезд 2." and question.replied_at is not None
    file = Attachment.objects.get(question=question)
    assert (file.kind, file.appeal_id, file.original_name) == ("reply", appeal.pk, "plan.pdf")
    assert appeal.events.latest("pk").action == "appeal.question_answered"
    notice = Notification.objects.get(kind="appeal.question_answered")
    assert notice.recipient_id == people.executor.pk
    assert "Квартира 12" not in notice.body  # the reply is read in the back-office only


def test_a_document_may_be_sent_without_words(appeal: Appeal, people: People) -> None:
    question = ask(appeal, people, kind="document")
    client_for(people.citizen).post(reply_url(question), {"attachments": [pdf()]})
    question.refresh_from_db()
    assert question.replied_at is not None and question.reply == ""


def test_a_clarification_needs_words(appeal: Appeal, people: People) -> None:
    question = ask(appeal, people)
    before = state(appeal)
    with translation.override("en"):
        response = client_for(people.citizen).post(reply_url(question), {"attachments": [pdf()]})
    assert response.status_code == 200
    assert "Write your reply" in response.content.decode()
    assert state(appeal) == before


def test_a_bad_file_is_refused_and_the_text_kept(appeal: Appeal, people: People) -> None:
    question = ask(appeal, people)
    before = state(appeal)
    response = client_for(people.citizen).post(
        reply_url(question), {"text": "Мой ответ", "attachments": [executable()]}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Мой ответ" in content and "invoice.pdf" in content
    assert state(appeal) == before


def test_a_second_reply_is_refused(appeal: Appeal, people: People) -> None:
    question = ask(appeal, people)
    citizen = client_for(people.citizen)
    citizen.post(reply_url(question), {"text": "Первый"})
    before = state(appeal)
    with translation.override("en"):
        response = citizen.post(reply_url(question), {"text": "Второй"}, follow=True)
    assert "already replied" in response.content.decode()
    assert state(appeal) == before
    with pytest.raises(ActionRefused):
        question_reply(question_id=question.pk, actor=people.citizen, text="Третий")


def test_a_closed_appeal_takes_no_reply(appeal: Appeal, people: People) -> None:
    question = ask(appeal, people)
    appeal_withdraw(appeal_id=appeal.pk, actor=people.citizen)
    before = state(appeal)
    with translation.override("en"):
        response = client_for(people.citizen).post(
            reply_url(question), {"text": "Поздно"}, follow=True
        )
        page = response.content.decode()
    assert "no longer accepted" in page
    assert state(appeal) == before


@pytest.mark.parametrize("role", ["other_citizen", "executor", "head", "controller"])
def test_nobody_else_replies_or_learns_of_the_question(
    appeal: Appeal, people: People, role: str
) -> None:
    question = ask(appeal, people)
    before = state(appeal)
    visitor = client_for(getattr(people, role))
    assert visitor.get(reply_url(question)).status_code == 404
    assert visitor.post(reply_url(question), {"text": "Чужой ответ"}).status_code == 404
    assert state(appeal) == before
    with pytest.raises(ActionRefused) as refused:
        question_reply(question_id=question.pk, actor=getattr(people, role), text="Чужой ответ")
    assert refused.value.forbidden


def test_a_question_of_another_appeal_is_not_found_under_this_one(
    appeal_in: AppealIn, appeal: Appeal, people: People
) -> None:
    question = ask(appeal, people)
    other = appeal_in(Appeal.Status.IN_PROGRESS)
    url = reverse("appeals:question_reply", args=[other.pk, question.pk])
    assert client_for(people.citizen).get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(appeal: Appeal, people: People) -> None:
    response = Client().post(reply_url(ask(appeal, people)), {"text": "Ответ"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- The API ---------------------------------------------------------------------------------


def test_the_api_shows_the_thread_to_the_citizen_and_the_staff(
    appeal: Appeal, people: People
) -> None:
    question = ask(appeal, people)
    question_reply(question_id=question.pk, actor=people.citizen, text="Квартира 12")
    mine = api_as(people.citizen).get(f"/api/v1/appeals/{appeal.pk}/").json()["questions"]
    staff = api_as(people.executor).get(f"/api/v1/staff/appeals/{appeal.pk}/").json()["questions"]
    assert mine == staff
    assert mine[0]["text"] == ASKED and mine[0]["reply"] == "Квартира 12"
    assert mine[0]["reply_url"] == api_reply_url(question)


def test_the_citizen_replies_through_the_api_with_files(appeal: Appeal, people: People) -> None:
    question = ask(appeal, people, kind="document")
    response = api_as(people.citizen).post(
        api_reply_url(question), {"text": "", "attachments": [pdf("act.pdf")]}, format="multipart"
    )
    assert response.status_code == 200
    files = response.json()["questions"][0]["files"]
    assert [f["original_name"] for f in files] == ["act.pdf"]
    assert files[0]["kind"] == "reply"


def test_the_api_refuses_a_second_reply_and_a_stranger(appeal: Appeal, people: People) -> None:
    question = ask(appeal, people)
    citizen = api_as(people.citizen)
    assert citizen.post(api_reply_url(question), {"text": "Первый"}).status_code == 200
    second = citizen.post(api_reply_url(question), {"text": "Второй"})
    assert second.status_code == 409
    assert "already replied" in second.json()["error"]["message"]
    stranger = api_as(people.other_citizen).post(api_reply_url(question), {"text": "Чужой"})
    assert stranger.status_code == 404
    assert question.__class__.objects.get(pk=question.pk).reply == "Первый"


# --- The back-office and the timeline ------------------------------------------------------------


def test_the_executor_reads_the_reply_and_downloads_its_file(
    appeal: Appeal, people: People
) -> None:
    question = ask(appeal, people)
    client_for(people.citizen).post(
        reply_url(question), {"text": "Квартира 12", "attachments": [pdf("plan.pdf")]}
    )
    executor = client_for(people.executor)
    page = executor.get(reverse("backoffice:appeals_appeal_change", args=[appeal.pk]))
    content = page.content.decode()
    file = Attachment.objects.get(question=question)
    assert ASKED in content and "Квартира 12" in content
    assert reverse("appeals:attachment", args=[file.pk]) in content
    download = executor.get(reverse("appeals:attachment", args=[file.pk]))
    assert download.status_code == 200
    assert download.getvalue().startswith(b"%PDF")
    stranger = client_for(people.other_agency_head)
    assert stranger.get(reverse("appeals:attachment", args=[file.pk])).status_code == 404


def test_the_timeline_says_asked_and_answered(appeal: Appeal, people: People) -> None:
    question = ask(appeal, people, kind="document")
    question_reply(question_id=question.pk, actor=people.citizen, text="Прилагаю")
    events = AppealEvent.objects.filter(appeal=appeal, action__startswith="appeal.question")
    with translation.override("en"):
        lines = [describe(event) for event in events.order_by("pk")]
    assert lines == [
        "The body asked the applicant for a document",
        "The applicant replied to the body's question",
    ]


def test_the_citizen_page_stays_within_its_queries(
    appeal: Appeal, people: People, django_assert_max_num_queries: Any
) -> None:
    for _ in range(3):
        question_reply(question_id=ask(appeal, people).pk, actor=people.citizen, text="Ответ")
    citizen = client_for(people.citizen)
    with django_assert_max_num_queries(20):
        assert citizen.get(reverse("appeals:detail", args=[appeal.pk])).status_code == 200


def test_the_demo_asks_replies_and_keeps_templates_once(
    appeal_in: AppealIn, people: People
) -> None:
    for _ in range(3):
        appeal_in(Appeal.Status.IN_PROGRESS)
    staff = {people.agency.code: {"head": people.head}}
    bodies = (people.agency.code,)
    assert demo_questions([people.citizen], staff, bodies) == 3
    assert demo_questions([people.citizen], staff, bodies) == 0
    assert Question.objects.filter(replied_at__isnull=False).count() == 2
    assert Attachment.objects.filter(kind="reply", question__isnull=False).count() == 1
    assert demo_templates((*bodies, "mtszn")) > 0
    assert demo_templates((*bodies, "mtszn")) == 0
    for text in AnswerTemplate.objects.values_list("text", flat=True):
        check_placeholders(text)


def test_a_reply_may_carry_files_as_large_as_an_appeals(appeal: Appeal, people: People) -> None:
    url = reply_url(ask(appeal, people))
    big: dict[str, Any] = {"content_type": "application/octet-stream", "CONTENT_LENGTH": "20971520"}
    assert Client().post(url, b"x", **big).status_code == 413
    assert client_for(people.citizen).post(url, b"x", **big).status_code != 413


def test_markup_in_a_question_and_a_reply_is_shown_as_text(appeal: Appeal, people: People) -> None:
    appeal_ask(
        appeal_id=appeal.pk, actor=people.executor, kind="clarification",
        text="<script>alert('q')</script>",
    )  # fmt: skip
    question_reply(
        question_id=appeal.questions.get().pk, actor=people.citizen,
        text="<img src=x onerror=alert('r')>",
    )  # fmt: skip
    pages = [
        client_for(people.citizen).get(reverse("appeals:detail", args=[appeal.pk])),
        client_for(people.executor).get(
            reverse("backoffice:appeals_appeal_change", args=[appeal.pk])
        ),
    ]
    for page in pages:
        content = page.content.decode()
        assert "<script>alert('q')</script>" not in content and "<img src=x" not in content
        assert "&lt;script&gt;" in content and "&lt;img src=x" in content
