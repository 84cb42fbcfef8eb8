"""The rankings' counting rules live in one SQL file (ratings/sql/tallies.sql): every status
is classified there, as the model says, complaints are counted where the rates can hold
them, and the database runs that file's definitions."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from appeals.models import Appeal
from ratings.tallies.sql import PART_FLAGS, counting_rules

pytestmark = pytest.mark.django_db
RECEIVED = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
TRIGGERS = {
    ("appeals_appeal", "ratings_dirty_appeals_inserted"),
    ("appeals_appeal", "ratings_dirty_appeals_updated"),
    ("ratings_feedback", "ratings_dirty_feedback_inserted"),
    ("ratings_feedback", "ratings_dirty_feedback_deleted"),
    ("ratings_feedback", "ratings_dirty_feedback_updated"),
    ("appeals_appealevent", "ratings_dirty_forwards"),
}


APPEALS_FLAGS = PART_FLAGS[: PART_FLAGS.index("rated")]


def decoded(flags: int) -> dict[str, bool]:
    return {name: bool(flags >> bit & 1) for bit, name in enumerate(PART_FLAGS)}


def part(
    status: str, *, complained: bool = False, overturned: bool = False, warned: bool = False
) -> dict[str, object]:
    """The part function's columns, its flags decoded into theirs."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT * FROM ratings_appeal_part(%s, %s, %s, %s, %s, %s, %s)",
            [status, RECEIVED, RECEIVED + datetime.timedelta(days=20),
             RECEIVED + datetime.timedelta(days=3), complained, overturned, warned],
        )  # fmt: skip
        columns = [column.name for column in cursor.description]
        counted = dict(zip(columns, cursor.fetchone(), strict=True))
    return counted | decoded(counted.pop("flags"))


def rating_flags(satisfied: bool | None, reason: str) -> dict[str, bool]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT ratings_rating_flags(%s, %s)", [satisfied, reason])
        return decoded(cursor.fetchone()[0])


def classes(counted: dict[str, object]) -> list[object]:
    return [counted["open"], counted["answered"], counted["terminated"], counted["withdrawn"]]


@pytest.mark.parametrize("status", Appeal.Status.values)
def test_every_status_is_open_answered_terminated_or_withdrawn_exactly_once(status: str) -> None:
    counted = part(status)
    assert classes(counted).count(True) == 1
    assert counted["open"] == (status in Appeal.OPEN_STATUSES)
    assert counted["answered"] == (status == Appeal.Status.ANSWERED)
    assert counted["terminated"] == (status == Appeal.Status.TERMINATED)
    assert (counted["days"] is not None) == (status in Appeal.CLOSED_STATUSES)
    assert counted["answered_on_time"] == (status in Appeal.CLOSED_STATUSES)
    assert (counted["due_day"] is not None) == (status in Appeal.OPEN_STATUSES)


def test_a_status_the_rules_do_not_know_is_counted_nowhere() -> None:
    """What the test above catches when a status is added to the model alone."""
    counted = part("suspended")
    assert classes(counted).count(True) == 0


@pytest.mark.parametrize("status", Appeal.Status.values)
def test_complaints_count_in_every_status_but_withdrawn(status: str) -> None:
    """Each appeal complained about is in the base of the complaint rates: closed, or open
    and counted apart (sent back after an upheld complaint, or silent)."""
    counted = part(status, complained=True, overturned=True)
    withdrawn = status == Appeal.Status.WITHDRAWN
    assert counted["complained"] == counted["overturned"] == (not withdrawn)
    assert counted["complained_open"] == (status in Appeal.OPEN_STATUSES)
    nothing = part(status)
    assert not (nothing["complained"] or nothing["complained_open"] or nothing["overturned"])


@pytest.mark.parametrize("status", Appeal.Status.values)
def test_an_answer_over_a_warning_counts_only_while_answered(status: str) -> None:
    """Sent back for consideration, the appeal's earlier answer is no answer of the body's
    now; its next one is checked again."""
    counted = part(status, warned=True)
    assert counted["warned"] == (status == Appeal.Status.ANSWERED)
    assert counted["received"]
    assert not part(status)["warned"]


def test_a_ratings_flags_are_its_own() -> None:
    flags = ("rated", "dissatisfied", "formal")
    assert [rating_flags(None, "")[name] for name in flags] == [False, False, False]
    assert [rating_flags(True, "")[name] for name in flags] == [True, False, False]
    assert [rating_flags(False, "formal")[name] for name in flags] == [True, True, True]
    assert [rating_flags(False, "not_solved")[name] for name in flags] == [True, True, False]
    assert not any(rating_flags(False, "formal")[name] for name in APPEALS_FLAGS)


def test_the_day_is_the_receipt_day_in_almaty() -> None:
    late_evening = datetime.datetime(2026, 3, 2, 20, 30, tzinfo=datetime.UTC)  # 01:30 next day
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT day FROM ratings_appeal_part('submitted', %s, %s, NULL, false, false, false)",
            [late_evening, late_evening],
        )
        assert cursor.fetchone()[0] == datetime.date(2026, 3, 3)


def test_the_database_runs_the_files_definitions() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname, md5(pg_get_functiondef(oid)) FROM pg_proc"
            " WHERE proname LIKE 'ratings\\_%%' ORDER BY proname"
        )
        installed = cursor.fetchall()
        cursor.execute("SAVEPOINT rules")
        cursor.execute(counting_rules())
        cursor.execute(
            "SELECT proname, md5(pg_get_functiondef(oid)) FROM pg_proc"
            " WHERE proname LIKE 'ratings\\_%%' ORDER BY proname"
        )
        from_file = cursor.fetchall()
        cursor.execute("ROLLBACK TO SAVEPOINT rules")
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname LIKE 'ratings\\_%%'"
        )
        triggers = set(cursor.fetchall())
    assert installed == from_file
    assert {name for name, _ in installed} >= {"ratings_appeal_part", "ratings_log_appeals"}
    assert triggers == TRIGGERS
