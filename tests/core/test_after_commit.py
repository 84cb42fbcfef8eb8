"""Tasks asked for after the commit (core.after_commit): one message per transaction on
the real broker, read back from Redis as a worker would receive it."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from celery import shared_task
from django.conf import settings
from django.db import transaction

from core.after_commit import RUN_TOGETHER, task_after_commit
from core.tasks import run_together
from portal.celery import app as celery_app
from portal.devservices import embedded_redis

pytestmark = pytest.mark.django_db(transaction=True)  # real commits and rollbacks
QUEUE = "celery"  # the default queue: no worker runs in the tests
RAN: list[tuple[str, Any]] = []


@shared_task(name="tests.after_commit.noted")
def noted(value: Any) -> None:
    RAN.append(("noted", value))


@shared_task(name="tests.after_commit.failing")
def failing(value: Any) -> None:
    RAN.append(("failing", value))
    raise RuntimeError("the database went away")


@pytest.fixture
def broker() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(QUEUE)
    RAN.clear()
    yield client
    client.delete(QUEUE)
    client.close()


def sent(client: redis.Redis) -> list[tuple[str, list[Any]]]:
    """The messages on the queue, oldest first: each task's name and arguments."""
    messages = [json.loads(raw) for raw in reversed(client.lrange(QUEUE, 0, -1))]
    return [
        (message["headers"]["task"], json.loads(base64.b64decode(message["body"]))[0])
        for message in messages
    ]


def test_the_tasks_of_one_transaction_go_in_one_message_each_call_once(
    broker: redis.Redis,
) -> None:
    with transaction.atomic():
        task_after_commit("tests.after_commit.noted", 1, unsent="")
        task_after_commit("tests.after_commit.noted", 2, unsent="")
        task_after_commit("tests.after_commit.noted", 1, unsent="")  # asked again
        assert sent(broker) == []  # nothing before the commit

    calls = [["tests.after_commit.noted", [1]], ["tests.after_commit.noted", [2]]]
    assert sent(broker) == [(RUN_TOGETHER, [calls])]


def test_a_single_task_goes_as_itself(broker: redis.Redis) -> None:
    with transaction.atomic():
        task_after_commit("tests.after_commit.noted", 7, unsent="")
    assert sent(broker) == [("tests.after_commit.noted", [7])]


def test_outside_a_transaction_the_task_goes_at_once(broker: redis.Redis) -> None:
    task_after_commit("tests.after_commit.noted", 3, unsent="")
    assert sent(broker) == [("tests.after_commit.noted", [3])]


def test_a_rolled_back_savepoint_takes_its_calls_with_it(broker: redis.Redis) -> None:
    with transaction.atomic():
        task_after_commit("tests.after_commit.noted", 1, unsent="")
        try:
            with transaction.atomic():
                task_after_commit("tests.after_commit.noted", 2, unsent="")
                raise ValueError("refused")
        except ValueError:
            pass
        with transaction.atomic():  # a savepoint that commits: its call stays
            task_after_commit("tests.after_commit.noted", 4, unsent="")
    assert sent(broker) == [
        ("tests.after_commit.noted", [1]),
        ("tests.after_commit.noted", [4]),
    ]


def test_a_rolled_back_transaction_sends_nothing(broker: redis.Redis) -> None:
    with pytest.raises(ValueError), transaction.atomic():
        task_after_commit("tests.after_commit.noted", 1, unsent="")
        task_after_commit("tests.after_commit.noted", 2, unsent="")
        raise ValueError("refused")
    assert sent(broker) == []


def test_with_the_broker_down_each_call_is_logged_and_nothing_raised(
    broker: redis.Redis, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with embedded_redis(tmp_path, persistent=False) as url:
        pass  # started and stopped: nothing listens at `url` any more
    original = celery_app.conf.broker_url
    _use_broker(url)
    try:
        with caplog.at_level(logging.WARNING, "core.after_commit"), transaction.atomic():
            task_after_commit("tests.after_commit.noted", 5, unsent="Appeal %s waits.")
            task_after_commit("tests.after_commit.noted", 6, unsent="Appeal %s waits.")
    finally:
        _use_broker(original)
    assert [record.getMessage() for record in caplog.records] == [
        "Appeal 5 waits.",
        "Appeal 6 waits.",
    ]


def _use_broker(url: str) -> None:
    celery_app.conf.update(broker_url=url)
    celery_app._pool = None  # type: ignore[attr-defined]
    celery_app.amqp._producer_pool = None  # type: ignore[attr-defined]


def test_the_worker_runs_the_calls_in_turn_and_sends_a_failing_one_on_its_own(
    broker: redis.Redis,
) -> None:
    run_together.apply(
        args=([
            ["tests.after_commit.failing", [1]],
            ["tests.after_commit.noted", [2]],
            ["tests.after_commit.unknown", [3]],  # a newer web process's task
        ],)
    )  # fmt: skip
    assert RAN == [("failing", 1), ("noted", 2)]
    assert sent(broker) == [
        ("tests.after_commit.failing", [1]),
        ("tests.after_commit.unknown", [3]),
    ]
