"""Bulk inserts past the per-row triggers (core/checked_writes.py): a key that refers to
nothing is refused, and the rows referred to are locked as the skipped checks would."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction

from appeals.models import NEVER_DELETED, Feedback
from core import checked_writes
from tests.factories import AnsweredAppealFactory

pytestmark = pytest.mark.django_db
TABLES = ("appeals_appealevent", "ratings_feedback")


def test_a_dangling_key_is_refused() -> None:
    with connection.cursor() as cursor:
        foreign = checked_writes.foreign_keys(cursor, TABLES)["ratings_feedback"]
        insert = (
            "INSERT INTO ratings_feedback (appeal_id, satisfied, reason, comment,"
            " created_at, updated_at) VALUES (987654321, true, '', '', now(), now())"
        )
        refused = pytest.raises(
            checked_writes.ForeignKeyViolation, match=r"ratings_feedback\.appeal_id \(987654321\)"
        )
        with refused, transaction.atomic():
            cursor.execute(checked_writes.SKIP_TRIGGERS)
            checked_writes.write_checked(cursor, "ratings_feedback", insert, foreign)
    assert not Feedback.objects.exists()


def _locker(cursor: Any, table: str, pk: int) -> str:
    """The row's xmax: the last transaction that locked, deleted or updated it."""
    cursor.execute(f"SELECT xmax::text FROM {table} WHERE id = %s", [pk])  # noqa: S608
    return str(cursor.fetchone()[0])


def test_the_rows_referred_to_are_locked_as_the_skipped_checks_would() -> None:
    """An agency referred to is locked (FOR KEY SHARE): a delete of it in another
    transaction waits for this one. Appeals are never deleted: not locked."""
    appeal = AnsweredAppealFactory.create()
    insert = (
        "INSERT INTO appeals_appealevent (appeal_id, action, created_at, from_status,"  # noqa: S608 - ids
        " to_status, to_agency_id, comment, data)"
        f" VALUES ({appeal.pk}, 'appeal.forwarded', now(), '', 'submitted',"
        f" {appeal.agency_id}, '', '{{}}')"
    )
    with connection.cursor() as cursor:
        foreign = checked_writes.foreign_keys(cursor, TABLES)["appeals_appealevent"]
        before = [_locker(cursor, "agencies_agency", appeal.agency_id),
                  _locker(cursor, "appeals_appeal", appeal.pk)]  # fmt: skip
        with transaction.atomic():
            cursor.execute(checked_writes.SKIP_TRIGGERS)
            written = checked_writes.write_checked(
                cursor, "appeals_appealevent", insert, foreign, unlocked=NEVER_DELETED
            )
            after = [_locker(cursor, "agencies_agency", appeal.agency_id),
                     _locker(cursor, "appeals_appeal", appeal.pk)]  # fmt: skip
    assert written == 1
    assert after[0] != before[0]
    assert after[1] == before[1]


def test_a_key_of_several_columns_is_refused_not_skipped() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE pair (a int, b int, PRIMARY KEY (a, b));"
            " CREATE TEMP TABLE pointing (a int, b int, FOREIGN KEY (a, b) REFERENCES pair)"
        )
        with pytest.raises(LookupError, match="2 columns on pointing"):
            checked_writes.foreign_keys(cursor, ("pointing",))
