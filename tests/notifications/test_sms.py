"""SMS through a real HTTP gateway on loopback: each notice's SMS is delivered once, and a
gateway that is down, fails or loses its answer is tried again, later, with the same id."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts.models import User
from appeals.models import Appeal
from appeals.services import appeal_submit_on_behalf
from notifications.models import Notification
from notifications.sending_sms import MAX_ATTEMPTS, retry_pause
from notifications.sms import sms_number
from notifications.tasks import send_pending_notifications
from tests.conftest import People, appeal_fields, submit_appeal
from tests.factories import valid_iin
from tests.notifications.gateway import DROP, Gateway, free_port
from tests.threads import run_together

pytestmark = pytest.mark.django_db


@pytest.fixture
def gateway(settings: Any) -> Iterator[Gateway]:
    """The portal pointed at a gateway on a free port; a test starts it when it is up."""
    found = Gateway(free_port())
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = found.url
    settings.SMS_GATEWAY_KEY = found.key
    yield found
    found.stop()


@pytest.fixture
def texter(people: People) -> User:
    """The citizen, who chose notices by SMS as well as by email."""
    citizen = people.citizen
    citizen.phone, citizen.notify_by_sms = "+7 701 555-01-02", True
    citizen.save(update_fields=["phone", "notify_by_sms"])
    return citizen


def later(minutes: float) -> time_machine.travel:
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes))


def walk_in_appeal(people: People, **given: str) -> Appeal:
    return appeal_submit_on_behalf(
        operator=people.front_office, iin=valid_iin(7301), full_name="Ержан Без Почты",
        **given, **appeal_fields(people.agency),
    )  # fmt: skip


def test_an_sms_is_delivered_once_with_its_link_and_key(
    texter: User, people: People, gateway: Gateway
) -> None:
    gateway.start()
    appeal = submit_appeal(texter, people.agency)
    notice = Notification.objects.get(about_id=appeal.pk)

    send_pending_notifications()
    send_pending_notifications()

    (post,) = gateway.posts
    assert post["to"] == "+77015550102"
    assert post["id"] == str(notice.pk)
    assert post["headers"]["Idempotency-Key"] == str(notice.pk)
    assert appeal.reference in post["text"]
    assert post["text"].endswith(f"/inbox/{notice.pk}/")
    notice.refresh_from_db()
    assert notice.sms_sent_at is not None
    assert notice.sms_attempts == 1
    assert [message.to for message in mail.outbox] == [[texter.email]]  # and by email


def test_a_gateway_down_is_tried_again_after_a_pause_and_delivers_once(
    texter: User, people: People, gateway: Gateway
) -> None:
    submit_appeal(texter, people.agency)

    send_pending_notifications()  # nothing listens: connection refused
    notice = Notification.objects.get()
    assert (notice.sms_sent_at, notice.sms_attempts) == (None, 1)
    assert "unreachable" in notice.sms_last_error
    assert notice.sent_at is not None  # the email went all the same

    gateway.start()
    send_pending_notifications()  # within the pause: not tried
    assert gateway.posts == []
    with later(minutes=1.5):
        send_pending_notifications()
        send_pending_notifications()

    assert len(gateway.posts) == 1
    assert list(gateway.delivered) == [str(notice.pk)]
    notice.refresh_from_db()
    assert notice.sms_attempts == 2
    assert notice.sms_sent_at is not None
    assert len(mail.outbox) == 1


def test_a_gateway_error_is_tried_again(texter: User, people: People, gateway: Gateway) -> None:
    gateway.answers.extend([500, 503])
    gateway.start()
    submit_appeal(texter, people.agency)

    send_pending_notifications()
    notice = Notification.objects.get()
    assert (notice.sms_sent_at, notice.sms_last_error) == (None, "gateway answered 500")
    with later(minutes=1.5):
        send_pending_notifications()
    with later(minutes=4):
        send_pending_notifications()

    assert [post["id"] for post in gateway.posts] == [str(notice.pk)] * 3
    notice.refresh_from_db()
    assert notice.sms_sent_at is not None
    assert notice.sms_attempts == 3


def test_an_answer_lost_after_the_gateway_took_it_is_retried_with_the_same_id(
    texter: User, people: People, gateway: Gateway
) -> None:
    gateway.answers.append(DROP)
    gateway.start()
    submit_appeal(texter, people.agency)

    send_pending_notifications()
    notice = Notification.objects.get()
    assert notice.sms_sent_at is None  # as far as the portal knows, it did not go
    with later(minutes=1.5):
        send_pending_notifications()

    first, second = gateway.posts
    assert first["id"] == second["id"] == str(notice.pk)
    assert first["text"] == second["text"]
    assert list(gateway.delivered) == [str(notice.pk)]  # one SMS to the phone
    notice.refresh_from_db()
    assert notice.sms_sent_at is not None


def test_a_wrong_key_is_a_failure_kept_for_later(
    texter: User, people: People, gateway: Gateway, settings: Any
) -> None:
    settings.SMS_GATEWAY_KEY = "not-the-key"
    gateway.start()
    submit_appeal(texter, people.agency)
    send_pending_notifications()
    notice = Notification.objects.get()
    assert (notice.sms_sent_at, notice.sms_last_error) == (None, "gateway answered 401")
    assert gateway.delivered == {}


def test_an_sms_is_given_up_after_its_last_attempt(
    texter: User, people: People, gateway: Gateway
) -> None:
    submit_appeal(texter, people.agency)
    Notification.objects.update(sms_attempts=MAX_ATTEMPTS)
    gateway.start()
    send_pending_notifications()
    assert gateway.posts == []
    assert Notification.objects.get().sms_sent_at is None  # kept, with why, for an operator


def test_the_pause_doubles_up_to_two_hours() -> None:
    pauses = [retry_pause(attempt).total_seconds() / 60 for attempt in range(1, MAX_ATTEMPTS + 1)]
    assert pauses[:4] == [1, 2, 4, 8]
    assert max(pauses) == 120
    assert 10 * 60 < sum(pauses[:-1]) < 24 * 60  # retried for about half a day


def test_a_walk_in_without_email_gets_the_sms_and_the_inbox_entry(
    people: People, gateway: Gateway
) -> None:
    gateway.start()
    appeal = walk_in_appeal(people, phone="8 (701) 123-45-67")

    send_pending_notifications()

    notice = Notification.objects.get(about_id=appeal.pk)
    assert (notice.by_email, notice.in_inbox, notice.sms_to) == (False, True, "+77011234567")
    assert notice.sms_sent_at is not None
    assert (notice.sent_at, notice.last_error) == (None, "")  # not "sent" to no address
    assert mail.outbox == []
    assert [post["to"] for post in gateway.posts] == ["+77011234567"]


def test_a_walk_in_without_email_or_phone_keeps_the_notice_in_the_inbox_only(
    people: People, gateway: Gateway
) -> None:
    gateway.start()
    appeal = walk_in_appeal(people)
    send_pending_notifications()
    notice = Notification.objects.get(about_id=appeal.pk)
    assert (notice.by_email, notice.sms_to, notice.sent_at, notice.in_inbox) == (
        False, "", None, True,
    )  # fmt: skip
    assert gateway.posts == []
    assert mail.outbox == []


def test_a_walk_in_who_gave_an_email_is_mailed_not_texted(people: People) -> None:
    appeal = walk_in_appeal(people, phone="+77011234567", email="walk-in@otinish.test")
    notice = Notification.objects.get(about_id=appeal.pk)
    assert (notice.by_email, notice.sms_to) == (True, "")


def test_a_citizen_with_email_who_did_not_choose_sms_gets_none(people: People) -> None:
    people.citizen.phone = "+77015550102"
    people.citizen.save(update_fields=["phone"])
    submit_appeal(people.citizen, people.agency)
    assert Notification.objects.get().sms_to == ""


def test_the_console_backend_logs_the_sms(
    texter: User, people: People, caplog: pytest.LogCaptureFixture
) -> None:
    submit_appeal(texter, people.agency)
    with caplog.at_level(logging.INFO, logger="notifications.sms"):
        send_pending_notifications()
    notice = Notification.objects.get()
    assert notice.sms_sent_at is not None
    assert f"SMS {notice.pk} to +77015550102" in caplog.text


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("8 (701) 123-45-67", "+77011234567"),
        ("+7 701 123 45 67", "+77011234567"),
        ("77011234567", "+77011234567"),
        ("123-45", ""),
        ("", ""),
    ],
)
def test_a_typed_phone_becomes_a_number_the_gateway_takes(typed: str, number: str) -> None:
    assert sms_number(typed) == number


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_two_senders_at_once_send_each_sms_once(
    texter: User, people: People, gateway: Gateway
) -> None:
    gateway.start()
    for _ in range(6):
        submit_appeal(texter, people.agency)

    outcomes = run_together(send_pending_notifications, send_pending_notifications)

    assert outcomes == ["won", "won"]
    ids = [post["id"] for post in gateway.posts]
    assert len(ids) == len(set(ids)) == 6
    assert not Notification.objects.filter(sms_sent_at__isnull=True).exists()
