"""Warming after a restart (portal/warming.py): every hot relation read whole, once per
start of the server, by one worker at a time, and nothing but a warning without pg_prewarm."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from appeals.models import Appeal
from portal import warming
from portal.settings.beat import beat_schedule


@pytest.fixture(autouse=True)
def _no_marks() -> Iterator[None]:
    cache.delete_many([warming.WARMED_KEY, warming.LOCK_KEY])
    yield
    cache.delete_many([warming.WARMED_KEY, warming.LOCK_KEY])


def blocks(relation: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_size(%s::regclass) / 8192", [relation])
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_each_hot_relation_is_read_whole_and_a_missing_one_is_passed_over(
    appeal_in: Callable[[str], Appeal],
) -> None:
    appeal_in(Appeal.Status.IN_PROGRESS)
    pages = warming.warm(("no_such_index", *warming.HOT_RELATIONS))
    assert "no_such_index" not in pages
    assert set(pages) == set(warming.HOT_RELATIONS)  # each of them exists in the schema
    assert all(pages[relation] == blocks(relation) for relation in pages)
    assert pages["appeals_appeal_pkey"] > 0 and pages["accounts_user_pkey"] > 0


@pytest.mark.django_db
def test_a_start_is_warmed_once_and_a_new_start_again() -> None:
    assert warming.warm_if_restarted()  # the first check after this start
    assert warming.warm_if_restarted() is None
    cache.set(warming.WARMED_KEY, "2026-01-01 00:00:00+00")  # as if the server restarted
    assert warming.warm_if_restarted()
    assert cache.get(warming.WARMED_KEY) == warming.server_started()


@pytest.mark.django_db
def test_a_second_worker_does_not_warm_beside_the_first() -> None:
    cache.add(warming.LOCK_KEY, "another worker's", 60)
    assert warming.warm_if_restarted() is None
    assert cache.get(warming.WARMED_KEY) is None  # the first one marks it when it is done


@pytest.mark.django_db
def test_without_the_extension_and_the_right_to_create_it_nothing_is_warmed(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute("DROP EXTENSION IF EXISTS pg_prewarm")
        cursor.execute("CREATE ROLE otinish_warming_test NOSUPERUSER")
        cursor.execute("SET ROLE otinish_warming_test")
    try:
        assert warming.warm() == {}
        call_command("warm_database")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert "pg_prewarm is not available" in caplog.text
    assert "nothing was warmed" in capsys.readouterr().err


def test_beat_checks_every_few_seconds_and_drops_a_late_check() -> None:
    import environ

    entry = beat_schedule(environ.Env(), heartbeat_seconds=30)["warm-database"]
    assert entry["task"] == "portal.tasks.warm_database"
    assert entry["schedule"] <= 15
    assert entry["options"]["expires"] == entry["schedule"]
