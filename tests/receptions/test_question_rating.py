"""The citizen rates the outcome of his question: his page only, and he may change it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.signals import identity_proven
from core.refusals import ActionRefused
from receptions.models import Question, QuestionFeedback
from receptions.outcomes import question_rate, question_record
from tests.conftest import People, client_for
from tests.factories import UserFactory
from tests.receptions.held import booked, controller_above, heating, meeting_at

pytestmark = pytest.mark.django_db


def raised(people: People) -> Question:
    meeting = meeting_at(people.agency)
    return question_record(
        meeting_id=meeting.pk, actor=people.head, category=heating(),
        outcome=Question.Outcome.RESOLVED, outcome_note="Котельную запустили",
        booking_id=booked(meeting, people.citizen).pk,
    )  # fmt: skip


def rate_url(question: Question) -> str:
    return reverse("receptions:rate", args=[question.pk])


def test_the_citizen_sees_the_outcome_and_the_form(people: People) -> None:
    question = raised(people)
    page = client_for(people.citizen).get(rate_url(question), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200 and "Котельную запустили" in text
    assert "Resolved on the spot" in text and 'name="satisfied"' in text


@pytest.mark.parametrize(
    "who", ["other_citizen", "head", "executor", "controller", "other_agency_head"]
)
def test_no_one_else_reaches_the_page(people: People, who: str) -> None:
    question = raised(people)
    client = client_for(getattr(people, who))
    assert client.get(rate_url(question)).status_code == 404
    assert client.post(rate_url(question), {"satisfied": "no"}).status_code == 404
    assert not QuestionFeedback.objects.exists()


def test_nor_a_controller_above(people: People) -> None:
    question = raised(people)
    assert client_for(controller_above(people)).get(rate_url(question)).status_code == 404


def test_an_anonymous_visitor_is_asked_to_log_in(people: People) -> None:
    response = Client().get(rate_url(raised(people)))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_citizen_rates_and_changes_his_rating(people: People) -> None:
    question = raised(people)
    client = client_for(people.citizen)
    client.post(rate_url(question), {"satisfied": "no", "comment": "Холодно"})
    client.post(rate_url(question), {"satisfied": "yes"})
    feedback = QuestionFeedback.objects.get(question=question)
    assert feedback.satisfied and feedback.comment == ""


def test_the_service_refuses_another_citizen(people: People) -> None:
    question = raised(people)
    with pytest.raises(ActionRefused) as refused:
        question_rate(question_id=question.pk, citizen=people.other_citizen, satisfied=True)
    assert refused.value.forbidden


def test_an_imported_question_is_not_rated(people: People) -> None:
    question = raised(people)
    Question.objects.filter(pk=question.pk).update(imported=True)
    with pytest.raises(ActionRefused, match="past records"):
        question_rate(question_id=question.pk, citizen=people.citizen, satisfied=False)


def test_a_walk_in_record_that_proves_the_iin_brings_its_questions(people: People) -> None:
    record = UserFactory.create(walk_in=True, email="walkin@otinish.test")
    question = raised(people)
    Question.objects.filter(pk=question.pk).update(citizen=record)
    identity_proven.send(sender=type(record), user=people.citizen, records=[record])
    question.refresh_from_db()
    assert question.citizen == people.citizen
