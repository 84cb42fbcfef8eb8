"""Repeat appeals as a share of the appeals a body received (ratings/repeats.py): counted by
ranked unit over the snapshot's period, published from the rankings' minimum of cases."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from agencies.models import Agency
from appeals.models import Appeal
from ratings.models import Period, RankingSnapshot, Scope
from ratings.repeats import repeat_share_of, repeat_shares
from ratings.snapshots import latest_snapshot, rankings_recompute
from tests.ratings.dataset import AS_OF, appeal

pytestmark = pytest.mark.django_db
BODY = "akimat-kz-62"


def _received(count: int, repeats: int, *, received: float = 10) -> None:
    """`count` appeals to BODY in the period, the first `repeats` of them repeats."""
    first = appeal(BODY, region="KZ-62", received=received + 5)
    for number in range(count):
        made = appeal(BODY, region="KZ-62", received=received)
        if number < repeats:
            Appeal.objects.filter(pk=made.pk).update(repeat_of=first)


def _snapshot() -> RankingSnapshot:
    rankings_recompute(as_of=AS_OF)
    snapshot = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    assert snapshot is not None
    return snapshot


@override_settings(RANKINGS_MIN_CASES=10)
def test_the_share_of_repeats_among_received() -> None:
    _received(19, repeats=4)
    appeal(BODY, region="KZ-62", received=40)  # before the period: not counted
    share = repeat_share_of(_snapshot(), _agency())
    assert share is not None and (share.repeats, share.received) == (4, 20)
    assert share.rate is not None and share.rate.value == pytest.approx(0.2)
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/ratings/agency/{BODY}/").content.decode()
    assert 'data-figure="repeats">4<' in page and "20.0 %" in page
    rankings = Client(HTTP_ACCEPT_LANGUAGE="en").get("/ratings/").content.decode()
    assert f'data-repeats="{BODY}">4 · 20.0 %' in rankings


@override_settings(RANKINGS_MIN_CASES=10)
def test_the_api_gives_each_body_its_share() -> None:
    _received(19, repeats=4)
    snapshot = _snapshot()
    answer = Client().get(f"/api/v1/rankings/snapshots/{snapshot.pk}/repeats/")
    assert answer.status_code == 200
    bodies = {body["agency"]: body for body in answer.json()["bodies"]}
    body = bodies[BODY]
    assert (body["received"], body["repeats"], body["below_minimum"]) == (20, 4, False)
    assert body["repeat_rate"] == pytest.approx(0.2)
    assert body["repeat_rate_low"] < 0.2 < body["repeat_rate_high"]
    assert answer.json()["snapshot"]["id"] == snapshot.pk
    assert Client().get("/api/v1/rankings/snapshots/999999/repeats/").status_code == 404


@override_settings(RANKINGS_MIN_CASES=30)
def test_below_the_minimum_no_share_is_published() -> None:
    _received(9, repeats=3)
    share = repeat_share_of(_snapshot(), _agency())
    assert share is not None and share.repeats == 3 and share.rate is None
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/ratings/agency/{BODY}/").content.decode()
    assert "too few appeals to publish a share" in page
    api = Client().get(f"/api/v1/rankings/snapshots/{_snapshot().pk}/repeats/").json()
    body = next(body for body in api["bodies"] if body["agency"] == BODY)
    assert body["repeat_rate"] is None and body["below_minimum"] is True


@override_settings(RANKINGS_MIN_CASES=5)
def test_every_body_from_one_grouped_query(django_assert_max_num_queries: Any) -> None:
    _received(9, repeats=3)
    snapshot = _snapshot()
    with django_assert_max_num_queries(4):  # repeats, the unit map's two reads, the rows
        shares = repeat_shares(snapshot)
    top = shares[0]
    assert (top.agency.code, top.repeats) == (BODY, 3)


def _agency() -> Agency:
    return Agency.objects.get(code=BODY)
