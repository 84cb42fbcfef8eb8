"""Meetings, questions and appeals written straight into the tables for the tests of the
check on "resolved", the published figures and the problem map."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from accounts.models import User
from agencies.models import Agency, Category, Region
from agencies.workdays import ALMATY
from appeals.models import Appeal
from receptions.models import Meeting, Question, QuestionFeedback
from tests.factories import AnsweredAppealFactory, UserFactory

# The meeting's day: long enough ago that its whole window of 90 days has passed.
MEETING_DAY = timezone.now().astimezone(ALMATY).date() - datetime.timedelta(days=200)
OFFICIAL = "Аким Алматы Ерлан Тестов"
QUESTION_TEXT = "Секретный вопрос гражданина про отопление"


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ALMATY)


def meeting(
    agency: Agency | None = None, *, day: datetime.date = MEETING_DAY, **fields: Any
) -> Meeting:
    agency = agency or Agency.objects.get(code="akimat-kz-75")
    values: dict[str, Any] = {
        "agency": agency, "kind": Meeting.Kind.RESIDENTS, "status": Meeting.Status.HELD,
        "official_name": OFFICIAL, "official_post": "Аким", "region": agency.region
        or Region.objects.get(code="KZ-75"), "starts_at": at(day), "ends_at": at(day, 12),
    }  # fmt: skip
    return Meeting.objects.create(**(values | fields))


def topic(code: str = "housing-heating") -> Category:
    return Category.objects.get(code=code)


def question(
    at_meeting: Meeting, outcome: str = Question.Outcome.RESOLVED, **fields: Any
) -> Question:
    values: dict[str, Any] = {
        "meeting": at_meeting, "citizen": None, "category": topic(),
        "region": at_meeting.region, "text": QUESTION_TEXT, "outcome": outcome,
        "recorded_at": at_meeting.ends_at,
    }  # fmt: skip
    if outcome == Question.Outcome.FORWARDED:
        values["forwarded_to"] = Agency.objects.get(code="akimat-kz-71")
    return Question.objects.create(**(values | fields))


def citizen(name: str = "Гражданин Тестовый") -> User:
    return UserFactory.create(full_name=name)


def appeal(
    applicant: User | None = None,
    *,
    day: datetime.date,
    category: Category | None = None,
    region: str = "KZ-75",
    **fields: Any,
) -> Appeal:
    """An appeal received on `day` (answered a week later, on time by default)."""
    values: dict[str, Any] = {
        "applicant": applicant or citizen("Другой Заявитель"),
        "category": category or topic(),
        "region": Region.objects.get(code=region),
        "received_at": at(day, 11),
    }
    return AnsweredAppealFactory.create(**(values | fields))


def rate(of: Question, *, satisfied: bool) -> QuestionFeedback:
    return QuestionFeedback.objects.create(question=of, satisfied=satisfied)
