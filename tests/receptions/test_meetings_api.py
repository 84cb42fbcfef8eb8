"""The public calendar in the API: the calendar's filters, cursor pages, public fields only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from agencies.models import Category, Region
from receptions.models import Meeting, Question
from receptions.schedule import meeting_held, meeting_not_held
from tests.conftest import People
from tests.receptions.test_schedule import announce, book

pytestmark = pytest.mark.django_db

PUBLIC = {
    "id", "body", "body_name_ru", "body_name_kk", "body_name_en", "kind", "status",
    "official_name", "official_post", "region", "locality", "place", "target_group", "topics",
    "starts_at", "ends_at", "not_held_reason", "free_slots",
}  # fmt: skip


def listed(**query: Any) -> dict[str, Any]:
    response = APIClient().get(reverse("api-meetings"), query)
    assert response.status_code == 200, response.content
    data: dict[str, Any] = response.json()
    return data


def test_the_list_has_public_fields_only(people: People) -> None:
    meeting = announce(people, kind=Meeting.Kind.ONLINE, video_link="https://meet.gov.kz/r/9")
    slot = meeting.slots.first()
    assert slot is not None
    book(people.citizen, slot, question="Секретный вопрос")
    (row,) = listed()["results"]
    assert set(row) == PUBLIC
    assert (row["body"], row["region"], row["free_slots"]) == ("akimat-kz-75", "KZ-75", 3)
    text = str(row)
    assert "meet.gov.kz" not in text and "Секретный" not in text


@pytest.mark.parametrize(("query", "count"), [
    ({"body": "akimat-kz-71"}, 1), ({"region": "KZ-75"}, 1), ({"kind": "residents"}, 1),
    ({"target_group": "youth"}, 1), ({"kind": "personal", "body": "akimat-kz-71"}, 0), ({}, 2),
])  # fmt: skip
def test_the_filters(people: People, query: dict[str, str], count: int) -> None:
    announce(people)
    announce(
        people, actor=people.other_agency_head, agency=people.other_agency,
        region=Region.objects.get(code="KZ-71"), official=None, kind=Meeting.Kind.RESIDENTS,
        slot_minutes=None, target_group="youth",
    )  # fmt: skip
    assert len(listed(**query)["results"]) == count


@pytest.mark.parametrize("query", [{"kind": "party"}, {"body": ""}, {"date_from": "tomorrow"},
                                   {"region": "KZ 75"}, {"page_size": "0"}])  # fmt: skip
def test_bad_filters_are_refused(query: dict[str, str]) -> None:
    assert APIClient().get(reverse("api-meetings"), query).status_code == 400


def test_by_start_in_pages(people: People) -> None:
    meetings = [
        announce(people, kind=Meeting.Kind.RESIDENTS, slot_minutes=None,
                 official_name=f"Чиновник {n}") for n in range(3)
    ]  # fmt: skip
    first = listed(page_size=2)
    assert [r["id"] for r in first["results"]] == [m.pk for m in meetings[:2]]
    second = APIClient().get(first["next"]).json()
    assert [r["id"] for r in second["results"]] == [meetings[2].pk]


def test_past_meetings_by_date(people: People) -> None:
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)):
        old = announce(people)
    announce(people)
    assert old.pk not in [r["id"] for r in listed()["results"]]
    rows = listed(date_from="2026-01-01", date_to="2026-01-31")["results"]
    assert [r["id"] for r in rows] == [old.pk]


def test_one_meeting_with_its_outcomes(people: People) -> None:
    meeting = announce(people)
    topic = Category.objects.get(code="housing-heating")
    Question.objects.create(
        meeting=meeting, citizen=people.citizen, category=topic, region=meeting.region,
        text="Секретный вопрос", outcome="resolved", recorded_at=meeting.starts_at,
    )  # fmt: skip
    url = reverse("api-meeting", args=[meeting.pk])
    assert APIClient().get(url).json()["questions"] is None
    with time_machine.travel(meeting.starts_at + datetime.timedelta(hours=1)):
        meeting_held(meeting_id=meeting.pk, actor=people.head)
        data = APIClient().get(url).json()
    assert set(data) == PUBLIC | {"questions"}
    assert data["questions"] == {"resolved": 1, "explained": 0, "control": 0, "forwarded": 0}
    assert data["status"] == "held" and data["free_slots"] is None
    assert "Секретный" not in str(data) and people.citizen.full_name not in str(data)


def test_a_not_held_meeting_with_its_reason(people: People) -> None:
    meeting = announce(people)
    meeting_not_held(meeting_id=meeting.pk, actor=people.head, reason="Паводок")
    data = APIClient().get(reverse("api-meeting", args=[meeting.pk])).json()
    assert (data["status"], data["not_held_reason"]) == ("not_held", "Паводок")


def test_an_unknown_meeting(people: People) -> None:
    assert APIClient().get(reverse("api-meeting", args=[10**9])).status_code == 404


def test_the_schema_documents_the_filters() -> None:
    schema = APIClient().get(reverse("schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/receptions/meetings/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"body", "region", "kind", "target_group", "date_from", "date_to"} <= names
