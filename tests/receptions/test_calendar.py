"""The public calendar and a meeting's page: filters, not-held meetings with their reason,
counts only (never a citizen's name or question)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agencies.models import Category, Region
from receptions.models import Meeting, Question
from receptions.schedule import meeting_held, meeting_not_held
from tests.conftest import People, client_for
from tests.receptions.test_schedule import announce, book

pytestmark = pytest.mark.django_db


def page(**query: Any) -> str:
    response = Client().get(reverse("receptions:calendar"), query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def other_body(people: People, **overrides: Any) -> Meeting:
    fields = {"agency": people.other_agency, "region": Region.objects.get(code="KZ-71"),
              "official": people.other_agency_head, "official_name": "Асем Астана"}  # fmt: skip
    return announce(people, actor=people.other_agency_head, **{**fields, **overrides})


def test_upcoming_meetings_are_listed(people: People) -> None:
    announce(people)
    body = page()
    assert "Ерлан Аким" in body and "Аким города" in body and "4 free times" in body
    assert 'aria-current="page"' in body and "Receptions" in body


@pytest.mark.parametrize(("query", "shown"), [
    ({"body": "akimat-kz-75"}, "Ерлан Аким"), ({"body": "akimat-kz-71"}, "Асем Астана"),
    ({"region": "KZ-71"}, "Асем Астана"), ({"kind": "target_group"}, "Асем Астана"),
    ({"target_group": "farmers"}, "Асем Астана"), ({"kind": "personal"}, "Ерлан Аким"),
])  # fmt: skip
def test_the_filters(people: People, query: dict[str, str], shown: str) -> None:
    announce(people)
    other_body(people, kind=Meeting.Kind.TARGET_GROUP, target_group="farmers", slot_minutes=None)
    body = page(**query)
    hidden = ({"Ерлан Аким", "Асем Астана"} - {shown}).pop()
    assert shown in body and hidden not in body


def test_past_meetings_only_when_asked_by_date(people: People) -> None:
    past = timezone.now() - datetime.timedelta(days=10)
    with time_machine.travel(past - datetime.timedelta(days=3)):
        old = announce(people, official_name="Прошлый Приём")
    announce(people)
    assert "Прошлый Приём" not in page()
    day = timezone.localtime(old.starts_at).date()
    body = page(date_from=day.isoformat(), date_to=day.isoformat())
    assert "Прошлый Приём" in body and "Ерлан Аким" not in body


def test_a_not_held_meeting_stays_with_its_reason(people: People) -> None:
    meeting = announce(people)
    meeting_not_held(meeting_id=meeting.pk, actor=people.head, reason="Паводок в районе")
    body = page()
    assert "Not held" in body and "Паводок в районе" in body and "govuk-tag--red" in body
    detail = Client().get(reverse("receptions:meeting", args=[meeting.pk]),
                          HTTP_ACCEPT_LANGUAGE="en").content.decode()  # fmt: skip
    assert "Паводок в районе" in detail and "Book a time" not in detail


def test_wrong_dates_are_said_not_failed(people: People) -> None:
    body = page(date_from="2026-13-40", date_to="x")
    assert "There is a problem" in body or "Enter a valid date" in body


def test_the_pages_carry_the_filters(people: People) -> None:
    for hour in range(22):
        announce(people, kind=Meeting.Kind.RESIDENTS, slot_minutes=None,
                 official_name=f"Чиновник {hour}")  # fmt: skip
    body = page(body="akimat-kz-75")
    assert "?body=akimat-kz-75&amp;page=2" in body
    assert reverse("receptions:ical") + "?body=akimat-kz-75" in body


def test_the_calendar_reads_a_bounded_number_of_times(
    people: People, django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        announce(people)
    with django_assert_max_num_queries(8):
        page()


def test_the_meeting_page_offers_booking(people: People) -> None:
    meeting = announce(people)
    detail = Client().get(reverse("receptions:meeting", args=[meeting.pk]),
                          HTTP_ACCEPT_LANGUAGE="en").content.decode()  # fmt: skip
    assert "Book a time" in detail and reverse("receptions:book", args=[meeting.pk]) in detail


def test_a_held_meeting_shows_counts_never_citizens(people: People) -> None:
    meeting = announce(people)
    slot = meeting.slots.first()
    assert slot is not None
    book(people.citizen, slot, question="Секретный вопрос о соседе")
    topic = Category.objects.get(code="housing-heating")
    for outcome in ("resolved", "resolved", "explained"):
        Question.objects.create(
            meeting=meeting, citizen=people.citizen, category=topic, region=meeting.region,
            text="Секретный вопрос о соседе", outcome=outcome, recorded_at=meeting.starts_at,
        )  # fmt: skip
    with time_machine.travel(meeting.starts_at + datetime.timedelta(hours=2)):
        meeting_held(meeting_id=meeting.pk, actor=people.head, attendance=40)
        for client in (Client(), client_for(people.other_citizen)):
            for url in (reverse("receptions:meeting", args=[meeting.pk]),
                        reverse("receptions:calendar") + "?date_from=2000-01-01"):  # fmt: skip
                body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
                assert "Секретный" not in body and people.citizen.full_name not in body
                assert people.citizen.iin_bin not in body
    detail = Client().get(reverse("receptions:meeting", args=[meeting.pk]),
                          HTTP_ACCEPT_LANGUAGE="en").content.decode()  # fmt: skip
    assert "Resolved on the spot" in detail and "Held" in detail
    assert ">2</td>" in detail and ">3</td>" in detail
