"""A question taken under control becomes an appeal in the competent body, in progress with
the chosen executor and deadline, linked both ways; its answer shows on the question."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.urls import reverse

from agencies.workdays import ALMATY
from appeals.from_meeting import control_latest_due
from appeals.models import Appeal
from appeals.services import appeal_answer
from core.refusals import ActionRefused
from notifications.models import Notification
from receptions.models import Question
from receptions.outcomes import ControlOrder, question_record
from tests.conftest import People, client_for
from tests.receptions.held import booked, control_by, heating, meeting_at

pytestmark = pytest.mark.django_db
CONTROL = Question.Outcome.CONTROL


def under_control(people: People, control: ControlOrder | None = None) -> Question:
    meeting = meeting_at(people.agency)
    booking = booked(meeting, people.citizen, "Нет отопления в доме по Абая, 10")
    return question_record(
        meeting_id=meeting.pk, actor=people.head, category=heating(), outcome=CONTROL,
        booking_id=booking.pk, control=control or control_by(people.executor),
    )  # fmt: skip


def test_it_creates_the_appeal_in_progress_with_executor_and_deadline(people: People) -> None:
    question = under_control(people)
    appeal = Appeal.objects.get(meeting_question=question)
    assert appeal.status == Appeal.Status.IN_PROGRESS and appeal.executor == people.executor
    assert appeal.agency == people.agency and appeal.applicant == people.citizen
    assert appeal.due_at.astimezone(ALMATY).date() == control_latest_due()
    assert appeal.meeting_question == question
    assert "Ерлан Аким" in appeal.text and "Абая, 10" in appeal.text


def test_its_route_says_who_submitted_registered_and_assigned(people: People) -> None:
    appeal = Appeal.objects.get(meeting_question=under_control(people))
    actions = list(appeal.events.order_by("pk").values_list("action", "actor_id"))
    assert actions == [
        ("appeal.submitted", people.head.pk),
        ("appeal.registered", people.head.pk),
        ("appeal.assigned", people.head.pk),
    ]
    assert appeal.events.get(action="appeal.submitted").data["on_behalf"] is True


def test_an_executor_of_another_body_is_refused_and_nothing_is_written(people: People) -> None:
    with pytest.raises(ActionRefused, match="not an executor"):
        under_control(people, control_by(people.other_agency_head))
    assert not Question.objects.exists() and not Appeal.objects.exists()


def test_a_deadline_in_the_past_is_refused(people: People) -> None:
    past = datetime.datetime.now(ALMATY).date() - datetime.timedelta(days=1)
    with pytest.raises(ActionRefused, match="past"):
        under_control(people, ControlOrder(executor=people.executor, due=past))


def test_a_deadline_past_the_legal_period_is_refused(people: People) -> None:
    late = control_latest_due() + datetime.timedelta(days=7)
    with pytest.raises(ActionRefused, match="at the latest"):
        under_control(people, ControlOrder(executor=people.executor, due=late))


def test_an_anonymous_question_cannot_be_taken_under_control(people: People) -> None:
    with pytest.raises(ActionRefused, match="needs the citizen"):
        question_record(
            meeting_id=meeting_at(people.agency).pk, actor=people.head, category=heating(),
            outcome=CONTROL, text="Яма на дороге", control=control_by(people.executor),
        )  # fmt: skip


def test_the_answer_of_the_appeal_shows_on_the_question(people: People) -> None:
    question = under_control(people)
    appeal_answer(
        appeal_id=question.appeal_id or 0, actor=people.executor, kind="satisfied",
        text="Отопление в доме восстановлено 3 декабря, температура в норме.",
        override_warnings=True,
    )  # fmt: skip
    question.refresh_from_db()
    assert question.appeal is not None and question.appeal.status == Appeal.Status.ANSWERED
    url = reverse("backoffice:receptions_meeting_change", args=[question.meeting_id])
    page = client_for(people.head).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert question.appeal.reference in page and "Answered" in page


def test_the_appeals_pages_say_where_it_was_taken_under_control(people: People) -> None:
    appeal_id = under_control(people).appeal_id
    staff_url = reverse("backoffice:appeals_appeal_change", args=[appeal_id])
    citizen_url = reverse("appeals:detail", args=[appeal_id])
    for user, url in ((people.executor, staff_url), (people.citizen, citizen_url)):
        page = client_for(user).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Taken under control at the personal reception of Ерлан Аким" in page


def test_an_appeal_not_from_a_meeting_says_nothing_of_one(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    url = reverse("backoffice:appeals_appeal_change", args=[appeal.pk])
    page = client_for(people.executor).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Taken under control" not in page


def test_the_citizen_is_told_the_appeals_reference(people: People) -> None:
    question = under_control(people)
    notice = Notification.objects.get(recipient=people.citizen, kind="receptions.outcome")
    assert question.appeal is not None and question.appeal.reference in notice.body
