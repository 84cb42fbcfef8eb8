"""The reference rows each process holds (agencies/held.py): a change through the ORM is
seen at once, any other change within REFERENCE_HOLD_SECONDS, and a submission reads none."""

from __future__ import annotations

import datetime
import time
import uuid
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from agencies import held
from agencies.models import Agency, CalendarDay
from agencies.workdays import calendar_for
from tests.conftest import People
from tests.factories import api_token

pytestmark = pytest.mark.django_db
BODY = {
    "type": "application", "category": "housing-heating", "region": "KZ-75",
    "addressee": "akimat-kz-75", "subject": "Нет отопления", "language": "ru",
    "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.", "consent": True,
}  # fmt: skip


def _sent(people: People) -> Any:
    client = APIClient(HTTP_AUTHORIZATION=f"Token {api_token(people.citizen)}")
    return client.post("/api/v1/appeals/", BODY, format="json",
                       HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))  # fmt: skip


def test_a_body_closed_through_the_orm_is_refused_at_once(people: People) -> None:
    assert _sent(people).status_code == 201  # the body is held now
    agency = Agency.objects.get(code="akimat-kz-75")
    agency.is_active = False
    agency.save()
    refused = _sent(people)
    assert refused.status_code == 404, refused.content
    assert "addressee" in refused.json()["error"]["field_errors"]


def test_a_change_by_update_is_seen_once_the_hold_ends(people: People, settings: Any) -> None:
    settings.REFERENCE_HOLD_SECONDS = 0.5
    assert _sent(people).status_code == 201
    Agency.objects.filter(code="akimat-kz-75").update(is_active=False)  # no signal
    assert _sent(people).status_code == 201  # still held: this process cannot know yet
    time.sleep(0.6)
    assert _sent(people).status_code == 404


def test_rows_found_are_held_and_unknown_ones_are_not(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        first = held.REGIONS.get(code="KZ-75")
    with django_assert_num_queries(0):
        assert held.REGIONS.get(code="KZ-75") is first
    for _ in range(2):  # a code that names nothing is asked again: misses are not kept
        with django_assert_num_queries(1):
            assert held.REGIONS.get(code="KZ-nowhere") is None


def test_a_day_off_added_moves_the_deadline_at_once() -> None:
    now = timezone.now()
    before = calendar_for(now, 15).due_at(now, 15)
    last_day = before.date()
    CalendarDay.objects.create(date=last_day, kind=CalendarDay.Kind.DAY_OFF, note="test")
    after = calendar_for(now, 15).due_at(now, 15)
    assert after.date() > last_day


def test_a_deadline_far_from_today_reads_its_own_span(django_assert_num_queries: Any) -> None:
    calendar_for(timezone.now(), 15)  # the span around today is held
    far = timezone.now() + datetime.timedelta(days=900)
    with django_assert_num_queries(1):
        calendar_for(far, 15)
