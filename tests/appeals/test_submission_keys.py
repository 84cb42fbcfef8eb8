"""appeals.submission_keys.earlier_and_recent: the key's earlier appeal first, whenever it
came, else the applicant's appeals of the window, newest first, no more than the limit."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from appeals.models import Appeal
from appeals.submission_keys import earlier_and_recent
from core.refusals import KeyReused
from tests.conftest import People, submit_appeal

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def _sent(people: People, ago: datetime.timedelta, key: uuid.UUID | None = None) -> Appeal:
    appeal = submit_appeal(people.citizen, people.agency, submission_key=key)
    Appeal.objects.filter(pk=appeal.pk).update(received_at=timezone.now() - ago)
    return Appeal.objects.get(pk=appeal.pk)


def test_the_keys_appeal_comes_first_and_the_window_newest_first(people: People) -> None:
    key, now = uuid.uuid4(), timezone.now()
    old = _sent(people, 2 * HOUR, key)
    middle, newest = _sent(people, HOUR / 2), _sent(people, HOUR / 6)
    _sent(people, HOUR / 3, uuid.uuid4())  # another key's, in the window
    submit_appeal(people.other_citizen, people.agency, submission_key=key)  # another person's

    earlier, recent = earlier_and_recent(people.citizen, key, old.submission_digest, now - HOUR, 10)
    assert (earlier, recent) == (old, [])
    earlier, recent = earlier_and_recent(people.citizen, None, "", now - HOUR, 10)
    assert earlier is None
    assert recent[0] == newest.received_at
    assert recent[-1] == middle.received_at
    assert len(recent) == 3
    assert earlier_and_recent(people.citizen, uuid.uuid4(), "", now - HOUR, 2)[1] == recent[:2]
    assert earlier_and_recent(people.citizen, None, "", now - HOUR, 0) == (None, [])
    assert earlier_and_recent(people.citizen, uuid.uuid4(), "", now - HOUR, 0) == (None, [])


def test_a_key_sent_again_with_other_content_is_refused(people: People) -> None:
    key = uuid.uuid4()
    _sent(people, HOUR / 2, key)
    with pytest.raises(KeyReused):
        earlier_and_recent(people.citizen, key, "another digest", timezone.now() - HOUR, 10)
