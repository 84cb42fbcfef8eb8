"""Sending appeals when things go wrong: a broker outage, the same form twice at once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from appeals.models import Appeal
from appeals.services import appeal_submit
from notifications.models import Notification
from notifications.tasks import send_pending_notifications
from portal.celery import app as celery_app
from portal.devservices import embedded_redis
from tests.appeals.test_submission import form_data
from tests.conftest import People, appeal_fields
from tests.threads import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]


def _use_broker(url: str) -> None:
    # Celery keeps its connection pools; point them at this server.
    celery_app.conf.update(broker_url=url)
    celery_app._pool = None  # type: ignore[attr-defined]
    celery_app.amqp._producer_pool = None  # type: ignore[attr-defined]


@pytest.fixture
def broker() -> Iterator[None]:
    original = celery_app.conf.broker_url
    yield
    _use_broker(original)


def test_an_appeal_sent_while_redis_is_down_is_mailed_once_it_is_back(
    people: People, tmp_path: Path, broker: None
) -> None:
    with embedded_redis(tmp_path / "first", persistent=False) as url:
        pass  # started and stopped: nothing listens at `url` any more
    _use_broker(url)
    client = Client()
    client.force_login(people.citizen)

    response = client.post(reverse("appeals:new"), form_data())

    assert response.status_code == 302  # the citizen is told it is sent
    appeal = Appeal.objects.get(applicant=people.citizen)
    notification = Notification.objects.get(about_id=appeal.pk)
    assert notification.sent_at is None
    assert mail.outbox == []

    with embedded_redis(tmp_path / "second", persistent=False) as url:
        _use_broker(url)
        send_pending_notifications.apply()  # beat's sweep, as the worker runs it
        send_pending_notifications.apply()  # and again: nothing goes twice
    assert [message.to for message in mail.outbox] == [[people.citizen.email]]
    assert appeal.reference in mail.outbox[0].subject


def test_the_same_form_sent_twice_at_once_makes_one_appeal(people: People) -> None:
    key = uuid.uuid4()
    fields = appeal_fields(people.agency)
    results: list[int] = []

    def send() -> None:
        results.append(appeal_submit(applicant=people.citizen, submission_key=key, **fields).pk)

    assert run_together(send, send) == ["won", "won"]
    assert len(results) == 2
    assert results[0] == results[1]
    assert Appeal.objects.filter(applicant=people.citizen).count() == 1
