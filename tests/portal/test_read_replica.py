"""Reads on a real streaming replica (tests/replica_pair.py): which requests read where, the
writer reading his own writes, and the fall back to the primary when the replica lags or
is away. Each route is judged by the connection its queries really ran on, or by rows
the paused standby has not replayed yet."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, Region
from agencies.reference import reference_load
from core.db_routing import REPLICA, forget_replica_health, reads_from
from portal.read_replica import WROTE_COOKIE
from ratings.tasks import prune_ranking_snapshots
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory
from tests.replica_pair import ReplicaPair, django_on_pair, replica_pair

ROUTES = {
    "public page": ["/", "/help/", "/ratings/", "/ratings/map/", "/receptions/", "/petitions/"],
    "export": ["/petitions/export.csv", "/petitions/export.json", "/petitions/feed.rss",
               "/receptions/calendar.ics"],
    "rankings API": ["/api/v1/rankings/snapshots/", "/api/v1/petitions/figures/"],
    "reference-data API": ["/api/v1/regions/", "/api/v1/agencies/", "/api/v1/categories/"],
}  # fmt: skip
REGIONS = "/api/v1/regions/"
HEALTH_CHECK = ("pg_current_wal_lsn", "pg_is_in_recovery")

# Transactional: the standby sees only what is committed. Both aliases are the pair's (the
# replica a mirror of the primary, so only the primary is emptied after each test).
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module")
def pair(django_db_setup: None, django_db_blocker: Any) -> Iterator[ReplicaPair]:
    """The pair, with Django on it for the whole module: each test's flush empties the pair's
    small primary, not the suite's test database."""
    source = dict(connections["default"].settings_dict)
    with django_db_blocker.unblock(), replica_pair(source) as started, django_on_pair(started):
        yield started


@pytest.fixture
def on_pair(pair: ReplicaPair, settings: Any) -> Iterator[ReplicaPair]:
    settings.REPLICA_CHECK_SECONDS = 0  # every request asks the standby afresh
    settings.REPLICA_MAX_LAG_SECONDS = 60
    forget_replica_health()
    try:
        yield pair
    finally:
        pair.start_if_stopped("standby")
        pair.resume_replay()


def body(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@contextmanager
def counted() -> Iterator[dict[str, CaptureQueriesContext]]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        yield {"primary": primary, "replica": replica}


def read_by(client: Client, url: str) -> str:
    """Which database the view's queries ran on (the replica's health check aside)."""
    with counted() as seen:
        response = client.get(url)
        assert response.status_code == 200, url
        body(response)
    used = {
        alias
        for alias, queries in seen.items()
        if any(not any(check in q["sql"] for check in HEALTH_CHECK) for q in queries)
    }
    assert len(used) == 1, (url, {a: [q["sql"] for q in qs] for a, qs in seen.items()})
    return used.pop()


def new_region(code: str) -> Region:
    return Region.objects.create(code=code, kind="oblast", name_ru=code, name_kk=code, name_en=code)


def written_while_paused(pair: ReplicaPair, code: str) -> None:
    """A row on the primary that the standby has received but not replayed."""
    pair.pause_replay()
    new_region(code)
    pair.wait_for_receipt()


def test_a_visitor_reads_each_route_class_from_the_replica(on_pair: ReplicaPair) -> None:
    read, marked = {}, []
    for url in [url for urls in ROUTES.values() for url in urls]:
        visitor = Client()
        read[url] = read_by(visitor, url)
        if WROTE_COOKIE in visitor.cookies:  # a page that writes sends its readers to the primary
            marked.append(url)
    assert read == dict.fromkeys(read, "replica")
    assert marked == []


def test_a_visitor_on_a_paused_replica_sees_only_what_it_replayed(on_pair: ReplicaPair) -> None:
    assert on_pair.query("standby", "SELECT pg_is_in_recovery()")
    written_while_paused(on_pair, "QA-1")
    assert "QA-1" not in body(Client().get(REGIONS))
    on_pair.resume_replay()
    on_pair.wait_for_replay()
    assert "QA-1" in body(Client().get(REGIONS))


def test_a_citizen_reads_his_own_writes_from_the_primary(on_pair: ReplicaPair) -> None:
    citizen = client_for(UserFactory.create())
    written_while_paused(on_pair, "QA-2")
    assert "QA-2" in body(citizen.get(REGIONS))
    assert read_by(citizen, "/ratings/") == "primary"
    signed_out = citizen.post("/accounts/logout/")  # a write: his session goes
    assert signed_out.cookies[WROTE_COOKIE]["max-age"] == 30
    assert read_by(citizen, "/help/") == "primary"
    assert "QA-2" in body(citizen.get(REGIONS))


def test_a_visitor_reads_the_replica_again_once_his_write_is_old(on_pair: ReplicaPair) -> None:
    writer, earlier_writer = Client(), Client()
    writer.post("/i18n/setlang/", {"language": "en"})
    with time_machine.travel(time.time() - 31):  # REPLICA_READ_YOUR_WRITES_SECONDS ago, and 1
        earlier_writer.post("/i18n/setlang/", {"language": "en"})
    assert read_by(writer, REGIONS) == "primary"
    assert read_by(earlier_writer, REGIONS) == "replica"


def test_staff_in_the_back_office_read_the_primary(on_pair: ReplicaPair) -> None:
    reference_load()  # the agencies (each test here empties the pair's database after it)
    head = MembershipFactory.create(agency=Agency.objects.get(code="akimat-kz-75"), role="head")
    staff = client_for(head.user)
    assert read_by(staff, "/backoffice/appeals/appeal/") == "primary"
    assert read_by(staff, REGIONS) == "primary"


def test_a_celery_task_reads_the_primary_even_inside_a_replica_scope(on_pair: ReplicaPair) -> None:
    with counted() as seen, reads_from(REPLICA):
        prune_ranking_snapshots.apply().get()
        assert Region.objects.db == REPLICA  # the scope itself reads the replica
    assert seen["primary"].captured_queries
    assert not seen["replica"].captured_queries


def test_a_replica_too_far_behind_is_passed_over(
    on_pair: ReplicaPair, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.REPLICA_MAX_LAG_SECONDS = 0.3
    written_while_paused(on_pair, "QA-3")
    time.sleep(0.4)
    assert "QA-3" in body(Client().get(REGIONS))
    assert "behind: reading from the primary" in caplog.text
    on_pair.resume_replay()
    on_pair.wait_for_replay()
    assert read_by(Client(), REGIONS) == "replica"


def test_a_stopped_replica_is_passed_over(
    on_pair: ReplicaPair, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.REPLICA_CHECK_SECONDS = 60  # the last check said "usable" and is not repeated
    assert read_by(Client(), REGIONS) == "replica"
    new_region("QA-4")
    on_pair.stop("standby")
    during = Client().get(REGIONS)  # fails on the replica, read again from the primary
    assert during.status_code == 200 and "QA-4" in body(during)
    assert "The replica is unreachable: reading from the primary" in caplog.text
    caplog.clear()
    forget_replica_health()
    after = Client().get(REGIONS)  # the check finds it away: the primary from the start
    assert after.status_code == 200 and "QA-4" in body(after)
    assert "The replica is unreachable: reading from the primary" in caplog.text
