"""The calendar's iCalendar feed: it parses as RFC 5545 says, escapes and folds its text,
keeps to its window and carries the calendar's filters."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from receptions.ical import escape, fold
from receptions.models import Meeting
from receptions.schedule import meeting_not_held
from tests.conftest import People
from tests.receptions.test_schedule import announce, book

pytestmark = pytest.mark.django_db

CONTENT_LINE = re.compile(r"^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:\"[^\"]*\"|[^;:,\"]*))*):(.*)$")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def parse(text: str) -> list[dict[str, str]]:
    """The events of a feed, read strictly: CRLF ends, lines of at most 75 octets, one
    calendar, every component closed."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text[:-2].split("\r\n")
    assert all(len(line.encode()) <= 75 for line in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    stack: list[str] = []
    events: list[dict[str, str]] = []
    event: dict[str, str] = {}
    for line in logical:
        match = CONTENT_LINE.match(line)
        assert match, line
        name, value = match[1].upper(), match[3]
        if name == "BEGIN":
            stack.append(value)
            event = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(event)
        elif stack[-1] == "VEVENT":
            event[name] = unescape(value)
    assert stack == [] and logical[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in logical
    return events


def feed(**query: Any) -> list[dict[str, str]]:
    response = Client().get(reverse("receptions:ical"), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return parse(response.content.decode())


def test_each_meeting_is_an_event(people: People) -> None:
    meeting = announce(people)
    (event,) = feed()
    assert event["UID"].startswith(f"meeting-{meeting.pk}@")
    start = meeting.starts_at.astimezone(datetime.UTC)
    assert event["DTSTART"] == start.strftime("%Y%m%dT%H%M%SZ")
    assert event["STATUS"] == "CONFIRMED" and event["LOCATION"] == "Абая, 1"
    assert event["URL"].endswith(reverse("receptions:meeting", args=[meeting.pk]))


def test_text_is_escaped_and_folded(people: People) -> None:
    name = "Ерлан; Аким, \\ заместитель"
    topics = "Отопление,\nводоснабжение; дороги — " + "очень длинный текст " * 10
    announce(people, official_name=name, topics=topics)
    (event,) = feed()
    assert name in event["SUMMARY"]
    assert topics.strip() in event["DESCRIPTION"]


def test_a_not_held_meeting_is_cancelled_with_its_reason(people: People) -> None:
    meeting = announce(people)
    meeting_not_held(meeting_id=meeting.pk, actor=people.head, reason="Паводок, дороги закрыты")
    (event,) = feed()
    assert event["STATUS"] == "CANCELLED" and "Паводок, дороги закрыты" in event["DESCRIPTION"]


def test_the_feed_keeps_to_its_window(people: People) -> None:
    far = timezone.now() + datetime.timedelta(days=200)
    announce(
        people, official_name="Далеко", starts_at=far, ends_at=far + datetime.timedelta(hours=1)
    )
    for days, name in ((25, "Недавно"), (45, "Давно")):
        with time_machine.travel(timezone.now() - datetime.timedelta(days=days + 2)):
            announce(people, official_name=name)
    names = {e["SUMMARY"].split(": ", 1)[1] for e in feed()}
    assert names == {"Недавно"}
    assert {e["SUMMARY"].split(": ", 1)[1] for e in feed(date_from="2000-01-01")} == {"Недавно"}


def test_the_feed_takes_the_filters_and_a_cap(
    people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(3):
        announce(people, kind=Meeting.Kind.RESIDENTS, slot_minutes=None)
    announce(people)
    assert len(feed(kind="personal")) == 1 and len(feed(body="akimat-kz-71")) == 0
    monkeypatch.setattr("receptions.views.calendar.MAX_EVENTS", 2)
    assert len(feed()) == 2


def test_no_citizen_in_the_feed(people: People) -> None:
    meeting = announce(people)
    slot = meeting.slots.first()
    assert slot is not None
    book(people.citizen, slot, question="Секретный вопрос")
    text = Client().get(reverse("receptions:ical")).content.decode()
    assert "Секретный" not in text and people.citizen.full_name not in text


@pytest.mark.parametrize("text", ["a" * 200, "ж" * 100, "€" * 80, "a" + "ж" * 100])
def test_folding_never_splits_a_character(text: str) -> None:
    folded = fold("DESCRIPTION:" + text)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "".join(line[1:] if i else line for i, line in enumerate(lines)) == "DESCRIPTION:" + text


def test_escaping() -> None:
    assert escape("a\\b;c,d\r\ne\rf") == "a\\\\b\\;c\\,d\\ne\\nf"
