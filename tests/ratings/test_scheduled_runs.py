"""The scheduled run, every minute: it publishes when something changed, and only then."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from ratings.models import Period, RankingSnapshot, Scope
from ratings.snapshots import SCHEDULED_PERIODS, latest_snapshot, rankings_recompute
from ratings.tallies.refresh import tallies_refresh
from ratings.tasks import recompute_rankings
from tests.ratings.dataset import AS_OF, DAY, appeal
from tests.threads import run_together

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
EVERY_SCHEDULED = len(SCHEDULED_PERIODS) * len(Scope)


def scheduled(as_of: datetime.datetime) -> list[RankingSnapshot]:
    return rankings_recompute(as_of=as_of, if_changed=True)


def received(code: str = "akimat-kz-75") -> int:
    snapshot = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    assert snapshot is not None
    return snapshot.rows.get(agency__code=code).received


def test_a_run_with_nothing_changed_publishes_nothing(data: None) -> None:
    assert len(scheduled(AS_OF)) == EVERY_SCHEDULED
    assert scheduled(AS_OF + MINUTE) == []
    assert RankingSnapshot.objects.count() == EVERY_SCHEDULED


def test_a_change_is_published_by_the_next_run(data: None) -> None:
    scheduled(AS_OF)
    before = received()
    appeal("akimat-kz-75")
    assert len(scheduled(AS_OF + MINUTE)) == EVERY_SCHEDULED
    assert received() == before + 1
    assert scheduled(AS_OF + 2 * MINUTE) == []  # and once only


def test_a_new_day_is_published_though_nothing_changed(data: None) -> None:
    scheduled(AS_OF)
    published = scheduled(AS_OF + DAY)  # the periods move, and appeals fall overdue
    assert {snapshot.period_end for snapshot in published} == {(AS_OF + DAY).date()}


def test_a_change_of_the_minimum_is_published_though_nothing_changed(
    data: None, settings: Any
) -> None:
    scheduled(AS_OF)
    settings.RANKINGS_MIN_CASES += 1
    assert len(scheduled(AS_OF + MINUTE)) == EVERY_SCHEDULED


def test_changes_counted_by_another_refresh_are_still_published(data: None) -> None:
    scheduled(AS_OF)
    before = received()
    appeal("akimat-kz-75")
    tallies_refresh()  # by hand, outside a publication
    assert len(scheduled(AS_OF + MINUTE)) == EVERY_SCHEDULED
    assert received() == before + 1


def test_a_custom_period_leaves_the_changes_to_the_scheduled_run(data: None) -> None:
    scheduled(AS_OF)
    appeal("akimat-kz-75")
    start = (AS_OF - 60 * DAY).date()
    rankings_recompute(periods=(Period.CUSTOM,), start=start, end=AS_OF.date(), as_of=AS_OF)
    assert len(scheduled(AS_OF + MINUTE)) == EVERY_SCHEDULED


def test_the_moment_is_kept_to_the_second(data: None) -> None:
    published = scheduled(AS_OF + datetime.timedelta(seconds=7, microseconds=654_321))
    assert {snapshot.as_of for snapshot in published} == {AS_OF + datetime.timedelta(seconds=7)}


def test_the_task_publishes_only_what_changed(data: None) -> None:
    assert recompute_rankings() == EVERY_SCHEDULED
    assert recompute_rankings() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_two_scheduled_runs_at_once_publish_once(settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 3
    appeal("akimat-kz-75")
    outcomes = run_together(*[lambda: scheduled(AS_OF)] * 2)
    assert outcomes == ["won", "won"]  # the second stepped aside without an error
    assert RankingSnapshot.objects.count() == EVERY_SCHEDULED
