"""UPLOADS_PER_HOUR: files per person per clock hour, counted in Redis for every process."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from appeals.attachments import UPLOAD_WINDOW_SECONDS, upload_counter, uploads_count
from appeals.models import Appeal
from core.ratelimit import window_key
from portal.devservices import BASE_DIR
from tests.conftest import People, client_for
from tests.factories import api_token
from tests.files import pdf
from tests.outages import redis_away
from tests.security.helpers import appeal_form

pytestmark = pytest.mark.django_db
NEW = reverse("appeals:new")
LIMIT = 3


def counter(redis_client: redis.Redis, user: User | int) -> int | None:
    """The count as Redis holds it, read past Django: the cache's own key for this hour."""
    user_id = user if isinstance(user, int) else user.pk
    key = window_key(upload_counter(user_id), UPLOAD_WINDOW_SECONDS, time.time())
    value = redis_client.get(cache.make_key(key))
    return None if value is None else int(value)


def forget_counts(redis_client: redis.Redis, *user_ids: int) -> None:
    # Counters outlive a test run and test databases reuse ids: start from nothing.
    for user_id in user_ids:
        for key in redis_client.scan_iter(match=f"*:uploads:{user_id}:*"):
            redis_client.delete(key)


@pytest.fixture(autouse=True)
def limit(settings: Any, people: People, redis_client: redis.Redis) -> Iterator[None]:
    settings.UPLOADS_PER_HOUR = LIMIT
    ids = [people.citizen.pk, people.executor.pk, people.head.pk, people.front_office.pk]
    forget_counts(redis_client, *ids)
    yield
    forget_counts(redis_client, *ids)


@pytest.fixture
def mid_hour() -> Iterator[None]:
    """A clock running from 10:30, so that no test's requests straddle two hours."""
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 30, tzinfo=datetime.UTC)):
        yield


def files(count: int) -> list[Any]:
    return [pdf(f"scan-{n}.pdf") for n in range(count)]


def test_two_browsers_share_the_count_and_redis_holds_it(
    people: People, redis_client: redis.Redis, mid_hour: None
) -> None:
    first, second = client_for(people.citizen), client_for(people.citizen)
    assert first.post(NEW, appeal_form(attachments=files(2))).status_code == 302
    assert counter(redis_client, people.citizen) == 2

    typed = appeal_form(subject="Второе обращение", text="Текст, который нельзя потерять.")
    second.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    refused = second.post(NEW, {**typed, "attachments": files(2)})
    assert refused.status_code == 200
    errors = refused.context["form"].errors["attachments"]
    assert errors[0].startswith("You have attached 3 files within this hour, the most allowed.")
    content = refused.content.decode()
    assert "Второе обращение" in content and "Текст, который нельзя потерять." in content
    assert Appeal.objects.count() == 1
    assert counter(redis_client, people.citizen) == 2  # refused files are given back

    assert second.post(NEW, {**typed, "attachments": files(1)}).status_code == 302
    assert counter(redis_client, people.citizen) == LIMIT
    assert Appeal.objects.count() == 2


def test_an_appeal_without_files_is_not_limited(people: People, mid_hour: None) -> None:
    client = client_for(people.citizen)
    assert client.post(NEW, appeal_form(attachments=files(LIMIT))).status_code == 302
    assert client.post(NEW, appeal_form()).status_code == 302


def test_the_next_hour_starts_a_new_count(people: People) -> None:
    client = client_for(people.citizen)
    start = datetime.datetime(2026, 11, 24, 10, 59, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        assert client.post(NEW, appeal_form(attachments=files(LIMIT))).status_code == 302
        assert client.post(NEW, appeal_form(attachments=files(1))).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        assert client.post(NEW, appeal_form(attachments=files(1))).status_code == 302


def test_answer_files_count_and_the_answer_is_kept(
    people: People, appeal_in: Any, redis_client: redis.Redis, mid_hour: None
) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    uploads_count(uploader_id=people.executor.pk, files=LIMIT)  # earlier answers today
    url = reverse("backoffice:appeals_appeal_act", args=[appeal.pk, "answer"])
    answer = {"kind": "explained", "text": "Отопление включат 1 декабря.", "attachments": files(1)}
    response = client_for(people.executor).post(url, answer)
    assert response.status_code == 200
    assert response.context["form"].has_error("attachments", code="upload_limit")
    assert "Отопление включат 1 декабря." in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.IN_PROGRESS
    assert counter(redis_client, people.executor) == LIMIT


def api_as(user: User) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def assert_throttled(response: Any) -> None:
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert error["message"].startswith("You have attached 3 files within this hour")
    assert 29 * 60 <= int(response["Retry-After"]) <= 30 * 60  # the rest of the hour


def test_the_api_says_429_with_retry_after(people: People, mid_hour: None) -> None:
    uploads_count(uploader_id=people.citizen.pk, files=LIMIT)
    body = {
        "type": "application", "category": "housing-heating", "region": "KZ-75",
        "addressee": "akimat-kz-75", "subject": "Нет отопления", "language": "ru",
        "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.", "consent": True,
        "attachments": files(1),
    }  # fmt: skip
    assert_throttled(api_as(people.citizen).post("/api/v1/appeals/", body, format="multipart"))
    assert not Appeal.objects.exists()


def test_the_api_answer_counts_files_too(people: People, appeal_in: Any, mid_hour: None) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    uploads_count(uploader_id=people.executor.pk, files=LIMIT)
    body = {"kind": "explained", "text": "См. файл", "attachments": files(1)}
    url = f"/api/v1/staff/appeals/{appeal.pk}/answer/"
    assert_throttled(api_as(people.executor).post(url, body, format="multipart"))
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.IN_PROGRESS


COUNT_IN_ANOTHER_PROCESS = """
import django, sys
django.setup()
from django.conf import settings
from django.core.exceptions import ValidationError
settings.UPLOADS_PER_HOUR = int(sys.argv[3])  # the test settings raise it for the suite
from appeals.attachments import uploads_count
accepted = 0
for _ in range(int(sys.argv[2])):
    try:
        uploads_count(uploader_id=int(sys.argv[1]), files=1)
        accepted += 1
    except ValidationError:
        pass
print(accepted)
"""


def test_processes_at_once_never_exceed_the_limit(redis_client: redis.Redis) -> None:
    """Two real processes upload 40 files each against a limit of 50: exactly 50 pass."""
    uploader = 900_000_000 + os.getpid()
    forget_counts(redis_client, uploader)
    if (left := UPLOAD_WINDOW_SECONDS - time.time() % UPLOAD_WINDOW_SECONDS) < 15:
        time.sleep(left)  # the processes' real clock must not cross into the next hour
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
           "REDIS_URL": settings.REDIS_URL}  # fmt: skip
    command = [sys.executable, "-c", COUNT_IN_ANOTHER_PROCESS, str(uploader), "40", "50"]
    processes = [
        subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    accepted = [int(process.communicate(timeout=60)[0]) for process in processes]
    assert sum(accepted) == 50, accepted
    assert counter(redis_client, uploader) == 50
    forget_counts(redis_client, uploader)


def test_a_redis_outage_lets_files_through(people: People, settings: Any) -> None:
    """Sending an appeal matters more than counting its files."""
    redis_away(settings)
    client = client_for(people.citizen)
    for _ in range(2):
        assert client.post(NEW, appeal_form(attachments=files(LIMIT))).status_code == 302
    assert Appeal.objects.count() == 2
