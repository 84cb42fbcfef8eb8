from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from appeals.models import AppealEvent
from tests.conftest import People, submit_appeal

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_delete_an_appeal(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM appeals_appeal WHERE id = %s", [appeal.pk])


def test_the_database_refuses_to_rewrite_or_delete_an_event(people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AppealEvent.objects.filter(appeal=appeal).update(comment="rewritten")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AppealEvent.objects.filter(appeal=appeal)._raw_delete(using="default")
    assert AppealEvent.objects.filter(appeal=appeal, comment="").count() == 1
