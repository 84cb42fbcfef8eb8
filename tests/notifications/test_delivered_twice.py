"""Every Celery task delivered twice: at-least-once delivery must not do the work twice.

Redis hands a message out again when its worker died before acknowledging it; beat's
sweep and the after-commit enqueue start the same task at the same moment. Whatever the
duplicate, each notification is mailed once, each head gets one digest a day, no appeal
event is written, and a moment's rankings are published once, whole.
"""

from __future__ import annotations

import datetime
import email
import uuid
from collections.abc import Callable, Iterator
from email import policy
from pathlib import Path

import pytest
import redis
from django.core import mail
from django.db.models import Count, Sum
from django.utils import timezone

from appeals.models import Appeal, AppealEvent
from appeals.tasks import deadline_digest
from notifications.models import Notification
from notifications.tasks import send_pending_notifications
from portal import health
from portal.tasks import heartbeat
from ratings.models import RankingSnapshot, Scope
from ratings.snapshots import SCHEDULED_PERIODS, rankings_recompute
from ratings.tasks import recompute_rankings
from tests.conftest import People, submit_appeal
from tests.threads import run_together
from tests.workers import Worker, forget_queue, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_after_flush"),
]

APPEALS = 12
SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # between the messages of Django's file backend


def _send_appeals(people: People) -> None:
    """Appeals of two citizens; each leaves its confirmation in the outbox."""
    for number in range(APPEALS):
        submit_appeal((people.citizen, people.other_citizen)[number % 2], people.agency)


def _overdue_appeal(appeal_in: Callable[[str], Appeal]) -> None:
    appeal = appeal_in(Appeal.Status.REGISTERED)
    Appeal.objects.filter(pk=appeal.pk).update(due_at=timezone.now() - datetime.timedelta(days=1))


def _whole_snapshots(received: int) -> list[tuple[str, str, datetime.datetime]]:
    """(scope, period, as_of) of every snapshot, checking each has all its rows, rightly summed.

    `received`: how many appeals the agency of `people` has; no other body has any.
    """
    expected = {Scope.AKIMATS: 20, Scope.MINISTRIES: 21}  # the active bodies of each scope
    found = []
    for snapshot in RankingSnapshot.objects.annotate(
        units=Count("rows"), received=Sum("rows__received")
    ):
        assert snapshot.units == expected[Scope(snapshot.scope)], snapshot
        assert snapshot.received == (received if snapshot.scope == Scope.AKIMATS else 0)
        found.append((snapshot.scope, snapshot.period, snapshot.as_of))
    return found


def test_the_outbox_sent_twice_at_once_mails_each_notification_once(people: People) -> None:
    _send_appeals(people)
    events = AppealEvent.objects.count()

    outcomes = run_together(send_pending_notifications, send_pending_notifications)

    assert outcomes == ["won", "won"]
    mailed = [(message.to[0], message.subject) for message in mail.outbox]
    assert len(mailed) == APPEALS
    assert len(set(mailed)) == APPEALS
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert set(Notification.objects.values_list("attempts", flat=True)) == {1}
    assert AppealEvent.objects.count() == events


def test_the_deadline_digest_run_twice_at_once_writes_one_per_head(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    _overdue_appeal(appeal_in)
    events = AppealEvent.objects.count()

    outcomes = run_together(deadline_digest, deadline_digest)

    assert outcomes == ["won", "won"]
    digests = Notification.objects.filter(kind="appeal.deadline_digest")
    assert list(digests.values_list("recipient", flat=True)) == [people.head.pk]
    assert AppealEvent.objects.count() == events


def test_one_moment_recomputed_twice_at_once_is_published_once(people: People) -> None:
    submit_appeal(people.citizen, people.agency)
    moment = timezone.now()

    outcomes = run_together(*[lambda: rankings_recompute(as_of=moment)] * 2)

    assert outcomes == ["won", "won"]
    published = _whole_snapshots(received=1)
    to_the_second = moment.replace(microsecond=0)  # as snapshots keep their moment
    assert sorted(published) == sorted(
        (scope, period, to_the_second) for period in SCHEDULED_PERIODS for scope in Scope
    )


# --- Real workers: the same message (one task id) delivered to two workers at once ---


@pytest.fixture
def queue(redis_client: redis.Redis) -> Iterator[str]:
    name = f"test-delivered-twice-{uuid.uuid4().hex}"
    yield name
    forget_queue(redis_client, name)


@pytest.fixture
def no_heartbeat(redis_client: redis.Redis) -> Iterator[None]:
    redis_client.delete(health.HEARTBEAT_KEY)
    yield
    redis_client.delete(health.HEARTBEAT_KEY)


def _mailed(folder: Path) -> list[tuple[str, str]]:
    """(recipient, subject) of every message Django's file backend wrote in `folder`."""
    found = []
    for path in folder.iterdir():
        for raw in path.read_bytes().split(SEPARATOR):
            if raw.strip():
                message = email.message_from_bytes(raw, policy=policy.default)
                found.append((str(message["To"]), str(message["Subject"]).strip()))
    return found


def test_every_task_delivered_twice_to_two_workers_does_its_work_once(
    people: People,
    appeal_in: Callable[[str], Appeal],
    queue: str,
    no_heartbeat: None,
    tmp_path: Path,
) -> None:
    _send_appeals(people)
    _overdue_appeal(appeal_in)
    pending = set(Notification.objects.values_list("pk", flat=True))
    events = AppealEvent.objects.count()
    outbox = tmp_path / "mail"
    outbox.mkdir()
    env = {
        # The test settings keep mail in memory; these write it where the test can read it.
        "DJANGO_SETTINGS_MODULE": "portal.settings.development",
        "DEBUG": "false",
        "EMAIL_URL": f"filemail:///{outbox}",  # an absolute path: four slashes
    }
    tasks = [send_pending_notifications, deadline_digest, recompute_rankings, heartbeat]
    workers: list[Worker] = []
    try:
        for name in ("one", "two"):
            workers.append(Worker(queue, tmp_path / f"{name}.log", **env))
        wait_for(lambda: all(worker.ready() for worker in workers), "both workers to start")
        ids = {task.name: str(uuid.uuid4()) for task in tasks}
        for task in tasks:
            for _ in range(2):  # the same message twice, as a redelivery makes it
                task.apply_async(queue=queue, task_id=ids[task.name])

        def both_ran() -> bool:
            return all(
                sum(worker.succeeded(task_id) for worker in workers) == 2
                for task_id in ids.values()
            )

        wait_for(both_ran, "every task to run twice")
    finally:
        for worker in workers:
            worker.stop()

    mailed = _mailed(outbox)
    assert len(mailed) == len(set(mailed))  # no message twice
    sent = Notification.objects.filter(sent_at__isnull=False).select_related("recipient")
    assert sorted(mailed) == sorted((n.recipient.email, n.subject) for n in sent)
    assert pending <= {n.pk for n in sent}
    digests = Notification.objects.filter(kind="appeal.deadline_digest")
    assert list(digests.values_list("recipient", flat=True)) == [people.head.pk]
    assert AppealEvent.objects.count() == events
    published = _whole_snapshots(received=APPEALS + 1)
    # Each delivery is a moment of its own: two runs at once share out the periods, or one
    # builds a period again, as of its later moment, after the other has committed it.
    assert len(set(published)) == len(published)
    kinds = [(scope, period) for scope, period, _ in published]
    assert set(kinds) == {(scope, period) for period in SCHEDULED_PERIODS for scope in Scope}
    assert health.check_heartbeat()["status"] == "up"
