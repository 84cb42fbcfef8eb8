"""Recording the questions of a held meeting with their outcomes, and telling the citizen."""

from __future__ import annotations

import re

import pytest

from accounts.models import User
from agencies.models import Agency
from core.refusals import ActionRefused
from notifications.models import Notification
from receptions.models import Meeting, Question
from receptions.outcomes import QuestionRow, question_record, questions_record
from receptions.rating_links import question_from_rating_token
from tests.conftest import People
from tests.factories import valid_iin
from tests.receptions.held import booked, heating, meeting_at

pytestmark = pytest.mark.django_db
Outcome = Question.Outcome


def record(meeting: Meeting, actor: User, **fields: object) -> Question:
    values: dict[str, object] = {"category": heating(), "outcome": Outcome.RESOLVED}
    return question_record(meeting_id=meeting.pk, actor=actor, **{**values, **fields})  # type: ignore[arg-type]


def test_a_booked_question_takes_the_bookings_citizen_and_text(people: People) -> None:
    meeting = meeting_at(people.agency)
    booking = booked(meeting, people.citizen, "Нет отопления с ноября")
    question = record(meeting, people.head, booking_id=booking.pk, outcome_note="Дали тепло")
    assert question.citizen == people.citizen and question.text == "Нет отопления с ноября"
    assert question.booking == booking and question.region_id == meeting.region_id
    assert question.locality == meeting.locality and question.recorded_by == people.head


def rated_by_the_link_of(notice: Notification) -> Question | None:
    """The question the notice's rating link names (a signed link, dated to the second)."""
    token = re.search(r"/receptions/questions/rate/([^/\s]+)/", notice.body)
    return question_from_rating_token(token.group(1)) if token else None


def test_the_citizen_is_told_the_outcome_with_the_rating_link(people: People) -> None:
    meeting = meeting_at(people.agency)
    question = record(meeting, people.head, booking_id=booked(meeting, people.citizen).pk)
    notice = Notification.objects.get(recipient=people.citizen, kind="receptions.outcome")
    assert rated_by_the_link_of(notice) == question


def test_a_booked_question_is_recorded_once(people: People) -> None:
    meeting = meeting_at(people.agency)
    booking = booked(meeting, people.citizen)
    record(meeting, people.head, booking_id=booking.pk)
    with pytest.raises(ActionRefused, match="recorded already"):
        record(meeting, people.head, booking_id=booking.pk, outcome=Outcome.EXPLAINED)
    assert Question.objects.filter(booking=booking).count() == 1


def test_a_booking_of_another_meeting_is_refused(people: People) -> None:
    meeting, other = meeting_at(people.agency), meeting_at(people.agency)
    with pytest.raises(ActionRefused):
        record(meeting, people.head, booking_id=booked(other, people.citizen).pk)


def test_a_forwarded_question_needs_the_body(people: People) -> None:
    meeting = meeting_at(people.agency)
    with pytest.raises(ActionRefused, match="forwarded to"):
        record(meeting, people.head, outcome=Outcome.FORWARDED)
    assert not Question.objects.exists()


def test_a_forwarded_question_names_the_body(people: People) -> None:
    body = Agency.objects.get(code="mvd")
    question = record(
        meeting_at(people.agency), people.head, outcome=Outcome.FORWARDED, forwarded_to=body
    )
    assert question.forwarded_to == body


def test_a_planned_meeting_has_no_questions_yet(people: People) -> None:
    meeting = meeting_at(people.agency, status=Meeting.Status.PLANNED)
    with pytest.raises(ActionRefused, match="marked held"):
        record(meeting, people.head)


@pytest.mark.parametrize("who", ["executor", "controller", "front_office", "other_agency_head"])
def test_only_the_bodys_managers_record(people: People, who: str) -> None:
    with pytest.raises(ActionRefused) as refused:
        record(meeting_at(people.agency), getattr(people, who))
    assert refused.value.forbidden


def test_a_registrar_records_too(people: People) -> None:
    assert record(meeting_at(people.agency), people.registrar).outcome == Outcome.RESOLVED


def test_a_citizen_named_from_the_floor_is_told(people: People) -> None:
    meeting = meeting_at(people.agency, kind=Meeting.Kind.RESIDENTS, slot_minutes=None)
    row = QuestionRow(
        category=heating(), outcome=Outcome.EXPLAINED, text="Когда дадут тепло?",
        iin=valid_iin(7001), full_name="Сауле  Жителева", phone="+77011234567",
    )  # fmt: skip
    assert questions_record(meeting_id=meeting.pk, actor=people.head, rows=[row]) == 1
    question = Question.objects.get(meeting=meeting)
    assert question.citizen is not None and question.citizen.walk_in
    assert question.citizen.full_name == "Сауле Жителева"
    assert Notification.objects.filter(recipient=question.citizen).exists()


def test_an_anonymous_floor_question_tells_no_one(people: People) -> None:
    meeting = meeting_at(people.agency, kind=Meeting.Kind.RESIDENTS, slot_minutes=None)
    rows = [QuestionRow(category=heating(), outcome=Outcome.RESOLVED, locality="Медеу")]
    questions_record(meeting_id=meeting.pk, actor=people.head, rows=rows)
    question = Question.objects.get(meeting=meeting)
    assert question.citizen is None and question.locality == "Медеу"
    assert not Notification.objects.filter(kind="receptions.outcome").exists()


def test_the_floor_rows_are_recorded_all_or_none(people: People) -> None:
    meeting = meeting_at(people.agency, kind=Meeting.Kind.RESIDENTS, slot_minutes=None)
    rows = [
        QuestionRow(category=heating(), outcome=Outcome.RESOLVED),
        QuestionRow(category=heating(), outcome=Outcome.FORWARDED),
    ]
    with pytest.raises(ActionRefused, match="Question 2"):
        questions_record(meeting_id=meeting.pk, actor=people.head, rows=rows)
    assert not Question.objects.exists()
