"""The routes read from a replica are public GETs; without a replica nothing changes; the
settings of a replica."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from agencies.models import Region
from core.db_routing import ReplicaRouter, replica_configured
from portal.read_replica import REPLICA_ROUTES, WROTE_COOKIE
from portal.settings.databases import check_writer_window, replica_database
from tests.security.access_rows import ROWS
from tests.security.access_world import EVERYONE


def test_every_replica_route_is_a_get_that_everyone_may_make() -> None:
    public = {row.key for row in ROWS if row.method == "GET" and row.allowed == EVERYONE}
    assert REPLICA_ROUTES - public == set()


def test_without_a_replica_the_router_leaves_every_query_where_it_was() -> None:
    assert not replica_configured()
    router = ReplicaRouter()
    assert router.db_for_read(Region) is None
    assert router.db_for_write(Region) is None
    assert router.allow_migrate("default", "agencies") is None


def test_without_a_replica_a_write_sets_no_cookie() -> None:
    response = Client().post("/i18n/setlang/", {"language": "en"})
    assert WROTE_COOKIE not in response.cookies


def test_the_replica_mirrors_the_primary_in_tests_and_connects_briefly() -> None:
    primary = {"CONN_MAX_AGE": 60}
    replica = replica_database("postgres://reader@replica.internal:5432/otinish", primary)
    assert (replica["HOST"], replica["USER"], replica["CONN_MAX_AGE"]) == (
        "replica.internal",
        "reader",
        60,
    )
    assert replica["TEST"] == {"MIRROR": "default"}
    assert replica["OPTIONS"] == {"connect_timeout": 2}


def test_a_writer_window_shorter_than_the_lag_allowed_is_refused() -> None:
    check_writer_window(30, 5, 2)
    with pytest.raises(ImproperlyConfigured, match="must exceed"):
        check_writer_window(7, 5, 2)
