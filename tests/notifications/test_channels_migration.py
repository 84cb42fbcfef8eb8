"""The notices written before the inbox and SMS: mailed ones count as read, those of people
without email are no longer "sent" to nobody, and secret links stay out of the inbox."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notifications.models import Notification
from tests.conftest import People

BEFORE = [("notifications", "0002_about_instead_of_appeal")]
# (kind, sent, last_error) as the outbox of before wrote them
EARLIER = [
    ("appeal.submitted", True, ""),  # mailed
    ("appeal.answered", True, "no email address"),  # a walk-in's, "sent" to nobody
    ("account.password_reset", True, ""),
    ("appeal.registered", False, ""),  # not yet sent
]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_earlier_notices_take_their_channels_and_inbox_state(people: People) -> None:
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        migrate(BEFORE)
        with connection.cursor() as cursor:
            for kind, sent, error in EARLIER:
                cursor.execute(
                    "INSERT INTO notifications_notification (recipient_id, kind, subject, body,"
                    " created_at, sent_at, attempts, last_error) VALUES (%s, %s, 'S', 'B', now(),"
                    " CASE WHEN %s THEN now() END, 1, %s)",
                    [people.citizen.pk, kind, sent, error],
                )
    finally:
        migrate(leaves)
    found = {
        n.kind: (n.by_email, n.sent_at is not None, n.read_at is not None, n.in_inbox)
        for n in Notification.objects.all()
    }
    assert found == {
        "appeal.submitted": (True, True, True, True),
        "appeal.answered": (False, False, False, True),
        "account.password_reset": (True, True, True, False),
        "appeal.registered": (True, False, False, True),
    }
