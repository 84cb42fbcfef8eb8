"""The generator's meetings: kinds, outcomes, bookings and links as the services make them."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator

import pytest
import time_machine
from django.db.models import F

from accounts.models import Membership
from agencies.workdays import ALMATY
from bench.generating import Options, Report, appeals_generate
from receptions.models import Booking, Meeting, Question, QuestionFeedback, Slot

NOW = datetime.datetime(2026, 3, 20, 15, 0, tzinfo=ALMATY)
MEETINGS = 400


@pytest.fixture
def generated(db: None) -> Iterator[Report]:
    with time_machine.travel(NOW, tick=False):
        yield appeals_generate(
            Options(count=2_000, staff=400, workers=1, batch_size=1_000, meetings=MEETINGS)
        )


def test_it_writes_meetings_of_every_kind_held_and_not(generated: Report) -> None:
    assert generated.meetings == Meeting.objects.count() == MEETINGS
    assert set(Meeting.objects.values_list("kind", flat=True)) == set(Meeting.Kind.values)
    statuses = Counter(Meeting.objects.values_list("status", flat=True))
    assert statuses["not_held"] > 0 and statuses["held"] > 0.9 * MEETINGS
    assert not Meeting.objects.filter(status="not_held", not_held_reason="").exists()
    assert not Meeting.objects.filter(status="held", starts_at__gt=NOW).exists()
    assert not Meeting.objects.filter(kind="online", video_link="").exists()


def test_questions_end_as_the_published_figures_have_it(generated: Report) -> None:
    questions = Question.objects.filter(meeting__agency__kind__in=["akimat", "local"])
    assert generated.questions == Question.objects.count()
    assert 1.2 <= questions.count() / Meeting.objects.filter(status="held").count() <= 2.5
    outcomes = Counter(questions.values_list("outcome", flat=True))
    assert outcomes["resolved"] / outcomes.total() > 0.85
    assert not Question.objects.exclude(meeting__status="held").exists()


def test_a_question_under_control_is_an_appeal_of_its_body_from_its_citizen(
    generated: Report,
) -> None:
    control = Question.objects.filter(outcome="control")
    assert control.exists()
    assert not control.filter(appeal__isnull=True).exists()
    assert not control.exclude(appeal__agency=F("meeting__agency")).exists()
    assert not control.exclude(citizen=F("appeal__applicant")).exists()
    assert not control.filter(appeal__received_at__lt=F("meeting__ends_at")).exists()


def test_booked_questions_hold_a_slot_and_free_slots_remain(generated: Report) -> None:
    booked = Question.objects.filter(booking__isnull=False)
    assert booked.exists()
    assert not booked.exclude(booking__meeting=F("meeting")).exists()
    assert not booked.exclude(booking__citizen=F("citizen")).exists()
    assert not Booking.objects.exclude(slot__meeting=F("meeting")).exists()
    assert Slot.objects.filter(bookings__isnull=True).exists()
    assert not Question.objects.filter(meeting__kind="residents", booking__isnull=False).exists()


def test_ratings_come_from_the_citizens_of_their_questions(generated: Report) -> None:
    feedback = QuestionFeedback.objects.all()
    assert feedback.exists() and not feedback.filter(question__citizen__isnull=True).exists()
    assert feedback.filter(satisfied=False).exists()
    assert not feedback.filter(created_at__gt=NOW).exists()


def test_meetings_are_held_by_the_bodys_officials(generated: Report) -> None:
    officials = set(
        Membership.objects.filter(role=Membership.Role.OFFICIAL).values_list("user_id", "agency_id")
    )
    held_by = set(Meeting.objects.values_list("official_id", "agency_id"))
    assert held_by <= officials
    assert not Meeting.objects.filter(official_name="").exists()
