"""The citizen rates the outcome of his question: his page only, and he may change it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.signals import identity_proven
from core.refusals import ActionRefused
from notifications.models import Notification
from receptions import rating_links
from receptions.models import Question, QuestionFeedback
from receptions.outcomes import QuestionRow, question_rate, question_record, questions_record
from tests.conftest import People, client_for
from tests.factories import UserFactory, valid_iin
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


def floor_question(people: People) -> Question:
    """A question from the floor by a citizen who gave his IIN, name and phone: a walk-in
    record, with no login."""
    meeting = meeting_at(people.agency)
    row = QuestionRow(
        category=heating(), outcome=Question.Outcome.EXPLAINED, text="Когда дадут тепло?",
        iin=valid_iin(7311), full_name="Айгуль Залова", phone="+77015550011",
    )  # fmt: skip
    questions_record(meeting_id=meeting.pk, actor=people.head, rows=[row])
    return Question.objects.select_related("citizen").get(meeting=meeting)


def test_a_citizen_without_a_login_rates_by_the_notices_link(people: People) -> None:
    question = floor_question(people)
    assert question.citizen is not None and question.citizen.walk_in
    notice = Notification.objects.get(recipient=question.citizen, kind="receptions.outcome")
    link = re.search(r"https?://\S+/receptions/questions/rate/[^/\s]+/", notice.body)
    assert link is not None
    path = link.group(0).removeprefix(settings.SITE_URL.rstrip("/"))
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    shown = visitor.get(path)
    assert shown.status_code == 200 and "Когда дадут тепло?" in shown.content.decode()
    assert not QuestionFeedback.objects.exists()  # a GET records nothing (mail scanners)
    sent = visitor.post(path, {"satisfied": "no", "comment": "Тепла нет."})
    assert sent.status_code == 302 and sent["Location"] == path
    rated = QuestionFeedback.objects.get(question=question)
    assert (rated.satisfied, rated.comment) == (False, "Тепла нет.")


def test_a_forged_or_foreign_link_rates_nothing(people: People) -> None:
    question = floor_question(people)
    token = rating_links.question_rating_token(question)
    forged = token[:-4] + ("BBBB" if token.endswith("AAAA") else "AAAA")
    visitor = Client()
    for bad in (forged, "nonsense", "x" * 500):
        url = reverse("receptions:rate_by_link", args=[bad])
        assert visitor.post(url, {"satisfied": "yes"}).status_code == 404
    # The question passed to another citizen since: the old link no longer names his.
    Question.objects.filter(pk=question.pk).update(citizen=people.other_citizen)
    url = reverse("receptions:rate_by_link", args=[token])
    assert visitor.post(url, {"satisfied": "yes"}).status_code == 404
    assert not QuestionFeedback.objects.exists()
