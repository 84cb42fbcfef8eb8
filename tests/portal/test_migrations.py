"""A database of the schema before the apps were untangled, with appeals, ratings, notices
and snapshots, migrates forward and loses nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from appeals.models import Appeal, Feedback
from notifications.models import Notification
from ratings.models import RankingRow, RankingSnapshot
from ratings.snapshots import rankings_recompute
from tests.conftest import People, submit_appeal

# The leaves of 5 December 2026, before AppealType, Feedback and the outbox moved.
BEFORE = [
    ("agencies", "0002_oblast_label"),
    ("appeals", "0007_fewer_indexes"),
    ("notifications", "0001_initial"),
    ("ratings", "0008_snapshot_rows_unchecked_by_snapshot"),
]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def leaves() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def counts() -> dict[str, int]:
    tables = ("appeals_appeal", "ratings_feedback", "notifications_notification",
              "ratings_rankingsnapshot", "ratings_rankingrow", "appeals_appealtype")  # fmt: skip
    with connection.cursor() as cursor:
        found = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - constant names
            found[table] = cursor.fetchone()[0]
    return found


def today(people: People, appeal_in: Any) -> Appeal:
    """Appeals, a notice of each, and published rankings, written by the code of today."""
    answered = appeal_in(Appeal.Status.ANSWERED)
    submit_appeal(people.citizen, people.other_agency)
    rankings_recompute()
    return answered


def the_old_way(people: People, answered: Appeal) -> None:
    """Rows written as the old schema had them: a rating, and a notice pointing at its
    appeal by a foreign key."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO ratings_feedback (appeal_id, satisfied, reason, comment, created_at,"
            " updated_at) VALUES (%s, false, 'formal', '', now(), now())",
            [answered.pk],
        )
        cursor.execute(
            "INSERT INTO notifications_notification (recipient_id, kind, subject, body,"
            " appeal_id, created_at, attempts, last_error)"
            " VALUES (%s, 'appeal.rated', 'Оценка', 'Текст', %s, now(), 0, '')",
            [people.citizen.pk, answered.pk],
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_a_populated_database_migrates_forward_and_loses_nothing(
    people: People, appeal_in: Any
) -> None:
    answered = today(people, appeal_in)
    notices = Notification.objects.filter(about_id=answered.pk).count()
    try:
        migrate(BEFORE)
        the_old_way(people, answered)
        before = counts()
        migrate(leaves())
    finally:
        migrate(leaves())  # whatever happened, the next tests find the schema of today
    assert counts() == before
    assert Feedback.objects.get(appeal=answered).reason == "formal"
    assert Notification.objects.filter(about_id=answered.pk).count() == notices + 1
    assert {notice.about for notice in Notification.objects.filter(kind="appeal.rated")} == {
        answered
    }
    assert RankingRow.objects.filter(snapshot__in=RankingSnapshot.objects.all()).exists()
    moved = set(ContentType.objects.values_list("app_label", "model"))
    assert {("appeals", "feedback"), ("agencies", "appealtype")} <= moved
    assert not {("ratings", "feedback"), ("appeals", "appealtype")} & moved
