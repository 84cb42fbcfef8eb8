"""The check on "resolved": which appeals reopen a resolved question, and which do not."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from receptions.models import Question
from receptions.reopened import reopened_mark
from tests.receptions.figures_data import MEETING_DAY, appeal, citizen, meeting, question, topic

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def reopened_by(of: Question) -> int | None:
    of.refresh_from_db()
    return of.reopened_by_id


def test_an_appeal_on_the_same_topic_from_the_same_citizen_reopens() -> None:
    person = citizen()
    resolved = question(meeting(), citizen=person)
    later = appeal(person, day=MEETING_DAY + 30 * DAY)
    assert reopened_mark(since=None) == 1
    assert reopened_by(resolved) == later.pk


def test_the_earliest_matching_appeal_wins() -> None:
    person = citizen()
    resolved = question(meeting(), citizen=person)
    appeal(person, day=MEETING_DAY + 60 * DAY)
    first = appeal(person, day=MEETING_DAY + 5 * DAY)
    reopened_mark(since=None)
    assert reopened_by(resolved) == first.pk


@pytest.mark.parametrize("days_after", [0, 91, 200])
def test_an_appeal_outside_the_window_does_not_reopen(days_after: int) -> None:
    person = citizen()
    resolved = question(meeting(), citizen=person)
    appeal(person, day=MEETING_DAY + days_after * DAY)
    assert reopened_mark(since=None) == 0
    assert reopened_by(resolved) is None


def test_the_last_day_of_the_window_still_reopens() -> None:
    person = citizen()
    resolved = question(meeting(), citizen=person)
    last = appeal(person, day=MEETING_DAY + 90 * DAY)
    reopened_mark(since=None)
    assert reopened_by(resolved) == last.pk


def test_an_appeal_on_another_topic_does_not_reopen() -> None:
    person = citizen()
    resolved = question(meeting(), citizen=person)
    appeal(person, day=MEETING_DAY + 10 * DAY, category=topic("housing-water"))
    reopened_mark(since=None)
    assert reopened_by(resolved) is None


def test_only_resolved_questions_are_checked() -> None:
    person = citizen()
    explained = question(meeting(), Question.Outcome.EXPLAINED, citizen=person)
    appeal(person, day=MEETING_DAY + 10 * DAY)
    reopened_mark(since=None)
    assert reopened_by(explained) is None


def test_an_appeal_from_the_same_locality_reopens() -> None:
    resolved = question(meeting(), locality="Наурызбайский район")
    neighbour = appeal(day=MEETING_DAY + 20 * DAY, address="г. Алматы, НАУРЫЗБАЙСКИЙ РАЙОН, ул. 1")
    reopened_mark(since=None)
    assert reopened_by(resolved) == neighbour.pk


@pytest.mark.parametrize(
    ("region", "address"),
    [("KZ-75", "г. Алматы, Медеуский район"), ("KZ-71", "Астана, Наурызбайский район")],
)
def test_an_appeal_from_another_locality_or_region_does_not_reopen(
    region: str, address: str
) -> None:
    resolved = question(meeting(), locality="Наурызбайский район")
    appeal(day=MEETING_DAY + 20 * DAY, region=region, address=address)
    reopened_mark(since=None)
    assert reopened_by(resolved) is None


def test_a_question_without_a_locality_matches_by_citizen_only() -> None:
    resolved = question(meeting(), citizen=citizen())
    appeal(day=MEETING_DAY + 20 * DAY, address="г. Алматы, Наурызбайский район")
    reopened_mark(since=None)
    assert reopened_by(resolved) is None


def test_a_later_run_finds_an_appeal_received_since_the_last() -> None:
    today = timezone.localdate()
    recent = meeting(day=today - 10 * DAY)
    by_citizen = question(recent, citizen=citizen("Первый"))
    by_place = question(recent, locality="Алатауский район")
    old = question(meeting(), locality="Алатауский район")  # its window closed long ago
    since = timezone.now() - 2 * DAY  # the last run, before these appeals came
    assert by_citizen.citizen is not None
    first = appeal(by_citizen.citizen, day=today - DAY)
    second = appeal(day=today, address="Алматы, Алатауский район, мкр. Шанырак")
    assert reopened_mark(since=since) == 2
    assert (reopened_by(by_citizen), reopened_by(by_place)) == (first.pk, second.pk)
    assert reopened_by(old) is None


def test_running_twice_marks_nothing_more() -> None:
    person = citizen()
    question(meeting(), citizen=person)
    appeal(person, day=MEETING_DAY + 30 * DAY)
    assert reopened_mark(since=None) == 1
    assert reopened_mark(since=None) == 0
