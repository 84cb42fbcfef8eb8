from __future__ import annotations

import datetime

import pytest
import time_machine

from agencies.workdays import ALMATY
from appeals.deadlines import deadline_digest_send
from appeals.models import Appeal
from notifications.models import Notification
from tests.conftest import People, submit_appeal
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 4, day, hour, 0, tzinfo=ALMATY)


@pytest.fixture
def appeals(people: People) -> dict[str, Appeal]:
    """Deadlines: one long past, one tomorrow, one far off (as of Monday 13 April 2026)."""
    made = {}
    for name, received in (("overdue", _at(1)), ("soon", _at(1)), ("later", _at(13))):
        with time_machine.travel(received, tick=False):
            made[name] = submit_appeal(people.citizen, people.agency)
    Appeal.objects.filter(pk=made["overdue"].pk).update(due_at=_at(10, 18))
    Appeal.objects.filter(pk=made["soon"].pk).update(due_at=_at(14, 18))
    return made


def _digests() -> list[Notification]:
    return list(Notification.objects.filter(kind="appeal.deadline_digest").order_by("pk"))


def test_each_head_gets_one_digest_listing_overdue_and_due_soon(
    people: People, appeals: dict[str, Appeal]
) -> None:
    assert deadline_digest_send(_at(13, 9)) == 1
    (digest,) = _digests()
    assert digest.recipient == people.head
    assert appeals["overdue"].reference in digest.body
    assert appeals["soon"].reference in digest.body
    assert appeals["later"].reference not in digest.body


def test_running_it_twice_sends_nothing_twice(people: People, appeals: dict[str, Appeal]) -> None:
    deadline_digest_send(_at(13, 9))
    assert deadline_digest_send(_at(13, 15)) == 0
    assert len(_digests()) == 1


def test_the_next_day_brings_a_new_digest(people: People, appeals: dict[str, Appeal]) -> None:
    deadline_digest_send(_at(13, 9))
    deadline_digest_send(_at(14, 9))
    assert len(_digests()) == 2


def test_answered_appeals_are_not_watched(people: People, appeals: dict[str, Appeal]) -> None:
    Appeal.objects.filter(pk__in=[a.pk for a in appeals.values()]).update(
        status=Appeal.Status.ANSWERED
    )
    assert deadline_digest_send(_at(13, 9)) == 0


def test_a_head_of_two_agencies_gets_one_digest(people: People, appeals: dict[str, Appeal]) -> None:
    MembershipFactory(user=people.head, agency=people.other_agency, role="head")
    submit_appeal(people.citizen, people.other_agency)
    Appeal.objects.filter(agency=people.other_agency).update(due_at=_at(10, 18))
    deadline_digest_send(_at(13, 9))
    digests = [d for d in _digests() if d.recipient == people.head]
    assert len(digests) == 1
    assert people.other_agency.name_ru in digests[0].body
