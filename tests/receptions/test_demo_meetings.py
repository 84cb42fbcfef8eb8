"""The demo's meetings: something on every page after `make run`."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Membership
from agencies.models import Agency
from appeals.demo import DEMO_AGENCIES, STAFFED_AGENCIES
from receptions.demo import CITIZEN
from receptions.models import Booking, Meeting, Question, QuestionFeedback, Slot

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Both demos, loaded once for this module in a transaction rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        call_command("load_demo_meetings", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo")
def test_each_staffed_body_has_an_official() -> None:
    for code in STAFFED_AGENCIES:
        official = Membership.objects.get(agency__code=code, role=Membership.Role.OFFICIAL)
        assert official.user.email == f"official.{code}@otinish.test"


@pytest.mark.usefixtures("demo")
def test_the_demo_bodies_held_meetings_with_every_outcome() -> None:
    for code in DEMO_AGENCIES:
        held = Meeting.objects.filter(agency__code=code, status=Meeting.Status.HELD)
        assert held.count() >= 10, code
        assert not held.filter(starts_at__gt=timezone.now()).exists()
        assert (
            Meeting.objects.filter(agency__code=code, status="not_held")
            .exclude(not_held_reason="")
            .exists()
        )
    outcomes = set(Question.objects.values_list("outcome", flat=True))
    assert outcomes == set(Question.Outcome.values)
    control = Question.objects.filter(outcome=Question.Outcome.CONTROL)
    assert control.exists() and not control.filter(appeal__isnull=True).exists()
    linked = control.select_related("appeal")[:50]
    assert all(q.appeal is not None and q.appeal.applicant_id == q.citizen_id for q in linked)
    assert not Question.objects.filter(outcome="forwarded", forwarded_to__isnull=True).exists()


@pytest.mark.usefixtures("demo")
def test_booked_questions_have_their_booking_and_some_are_rated() -> None:
    booked = Question.objects.filter(meeting__kind__in=Meeting.BOOKED_KINDS)
    assert booked.exists() and not booked.filter(booking__isnull=True).exists()
    assert QuestionFeedback.objects.filter(satisfied=False).exists()
    assert QuestionFeedback.objects.filter(satisfied=True).exists()


@pytest.mark.usefixtures("demo")
def test_upcoming_receptions_have_free_slots_and_the_citizen_a_booking() -> None:
    upcoming = Meeting.objects.filter(starts_at__gt=timezone.now(), status="planned")
    personal = upcoming.filter(kind=Meeting.Kind.PERSONAL)
    free = Slot.objects.filter(meeting__in=personal).exclude(bookings__status="active")
    assert personal.exists() and free.exists()
    assert upcoming.filter(kind=Meeting.Kind.ONLINE).exclude(video_link="").exists()
    assert upcoming.filter(kind=Meeting.Kind.TARGET_GROUP).exclude(target_group="").exists()
    bookings = Booking.objects.filter(citizen__email=CITIZEN, meeting__in=upcoming)
    assert {b.meeting.agency.code for b in bookings} == set(DEMO_AGENCIES)
    assert all(b.status == "active" and b.slot.meeting_id == b.meeting_id for b in bookings)


@pytest.mark.usefixtures("demo")
def test_every_ranked_body_has_enough_questions_for_its_figures() -> None:
    since = timezone.now() - datetime.timedelta(days=365)
    counts = Agency.objects.filter(kind__in=["akimat", "ministry"], is_active=True).annotate(
        questions=Count("meetings__questions", filter=Q(meetings__starts_at__gte=since))
    )
    short = [a.code for a in counts if a.questions < settings.RECEPTIONS_MIN_CASES]
    assert short == []


@pytest.mark.usefixtures("demo")
def test_loading_the_demo_meetings_again_duplicates_nothing() -> None:
    counts = (Meeting.objects.count(), Question.objects.count(), Booking.objects.count())
    out = io.StringIO()
    call_command("load_demo_meetings", stdout=out)
    assert "created: 0" in out.getvalue()
    assert (Meeting.objects.count(), Question.objects.count(), Booking.objects.count()) == counts
