"""Sessions live in PostgreSQL and are read through a brief copy in Redis (core/cache.py):
Redis away, they still work; a sign-out Redis missed does not come back with it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.sessions.models import Session

from tests.conftest import People, client_for
from tests.outages import NOWHERE

pytestmark = pytest.mark.django_db


def _sessions_cache(settings: Any, **changes: Any) -> None:
    settings.CACHES = {**settings.CACHES, "sessions": {**settings.CACHES["sessions"], **changes}}


def test_a_session_is_read_from_redis_and_kept_in_postgresql(
    people: People, django_assert_num_queries: Any
) -> None:
    client = client_for(people.citizen)
    assert Session.objects.count() == 1
    client.get("/appeals/")
    with django_assert_num_queries(0):
        assert client.session["_auth_user_id"] == str(people.citizen.pk)


def test_with_redis_away_sessions_come_from_postgresql(people: People, settings: Any) -> None:
    _sessions_cache(settings, LOCATION=NOWHERE)
    client = client_for(people.citizen)
    assert client.get("/appeals/").status_code == 200


def test_a_sign_out_redis_missed_is_forgotten_there_within_its_time(
    people: People, settings: Any
) -> None:
    _sessions_cache(settings, TIMEOUT=1)
    client = client_for(people.citizen)
    assert client.get("/appeals/").status_code == 200
    live, stolen = settings.CACHES["sessions"], client.cookies["sessionid"].value
    _sessions_cache(settings, LOCATION=NOWHERE)
    assert client.post("/accounts/logout/").status_code == 302  # the row goes, the copy stays
    assert not Session.objects.exists()
    settings.CACHES = {**settings.CACHES, "sessions": live}
    client.cookies["sessionid"] = stolen  # a copy of the cookie, taken before the sign-out
    time.sleep(1.2)
    signed_out = client.get("/appeals/")
    assert signed_out.status_code == 302 and "/login/" in signed_out["Location"]
