"""Rankings over a small data set whose every figure was computed by hand."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from ratings import sums
from ratings.models import CategoryRow, Period, ProblemCell, RankingRow, RankingSnapshot, Scope
from ratings.snapshots import (
    latest_snapshot,
    period_span,
    rankings_recompute,
    snapshot_period,
    snapshots_prune,
)
from tests.ratings.dataset import AS_OF, DAY, appeal
from tests.threads import run_together


def rows(period: str = Period.LAST_30_DAYS) -> dict[str, RankingRow]:
    snapshot = latest_snapshot(Scope.AKIMATS, period)
    assert snapshot is not None
    return {row.agency.code: row for row in snapshot.rows.select_related("agency")}


pytestmark = pytest.mark.django_db


def test_every_figure_of_a_unit(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    almaty = rows()["akimat-kz-75"]
    assert (almaty.received, almaty.withdrawn, almaty.answered) == (6, 1, 4)
    assert almaty.answer_rate == pytest.approx(0.8)
    assert (almaty.answered_on_time, almaty.on_time_rate) == (3, pytest.approx(0.75))
    assert almaty.overdue_open == 1
    assert (almaty.rated, almaty.dissatisfied) == (3, 1)
    assert almaty.dissatisfaction_rate == pytest.approx(1 / 3)
    assert almaty.median_days_to_answer == pytest.approx(5.0)  # see the next test
    assert (almaty.forwarded_out, almaty.forwarded_in) == (1, 0)
    assert almaty.late_forwards == 1


def test_the_median_is_grouped_by_whole_days(data: None) -> None:
    # Answers are counted in whole-day buckets [d, d + 1); the median interpolates inside
    # the bucket where the count reaches n / 2: d + (n / 2 − answers below) / in bucket.
    rankings_recompute(as_of=AS_OF)
    last_30_days, all_time = rows(), rows(Period.ALL_TIME)
    # Almaty: 2, 4, 6 and 10 days; n / 2 = 2; one below [4, 5), which holds one: 4 + 1 / 1.
    assert last_30_days["akimat-kz-75"].median_days_to_answer == 5.0
    # Astana: 1, 1, 1 and 3 (the terminated one counts): [1, 2) holds 3: 1 + 2 / 3 = 1.67.
    # The exact median (methodology 1) was 1.0.
    assert last_30_days["akimat-kz-71"].median_days_to_answer == 1.67
    # Abai: 5, 5, 5: n / 2 = 1.5 of the 3 in [5, 6): 5 + 1.5 / 3.
    assert last_30_days["akimat-kz-10"].median_days_to_answer == 5.5
    # Shymkent, too few to be ranked, still has one: 2, 2: 2 + 1 / 2.
    assert last_30_days["akimat-kz-79"].median_days_to_answer == 2.5
    # All time adds Almaty's 1-day answer of 400 days ago: 1, 2, 4, 6, 10; n / 2 = 2.5;
    # two below [4, 5): 4 + 0.5 / 1.
    assert all_time["akimat-kz-75"].median_days_to_answer == 4.5
    # Nothing answered, no median.
    assert last_30_days["akimat-kz-62"].median_days_to_answer is None


def test_the_snapshot_names_its_methodology(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    snapshot = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    assert snapshot is not None
    # 2: the grouped median; 3: terminations apart; 4: answers over a warning
    assert snapshot.methodology_version == "4"


def test_wilson_intervals(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    almaty = rows()["akimat-kz-75"]
    # 4 of 5 at 95 %: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n) = 0.3755 … 0.9638
    assert almaty.answer_rate_low == pytest.approx(0.3755, abs=1e-4)
    assert almaty.answer_rate_high == pytest.approx(0.9638, abs=1e-4)
    # 1 of 3: 0.0615 … 0.7923
    assert almaty.dissatisfaction_rate_low == pytest.approx(0.0615, abs=1e-4)
    assert almaty.dissatisfaction_rate_high == pytest.approx(0.7923, abs=1e-4)


def test_ranks_ties_and_the_minimum(data: None) -> None:
    for _ in range(5):
        appeal("akimat-kz-71")  # Astana: 3 + 5 answered of 10, one left without consideration
    rankings_recompute(as_of=AS_OF)
    ranked = {code: row.answer_rank for code, row in rows().items() if row.received}
    assert ranked == {
        "akimat-kz-10": 1,  # 3/3
        "akimat-kz-75": 2,  # 4/5
        "akimat-kz-71": 2,  # 8/10, the same: a shared rank
        "akimat-kz-11": 4,  # 1/3; the next rank skips
        "akimat-kz-79": None,  # 2 cases: shown, not ranked
    }
    assert rows()["akimat-kz-75"].dissatisfaction_rank == 1  # the only one with 3 ratings


def test_every_akimat_is_listed_even_without_appeals(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    listed = rows()
    assert len(listed) == 20
    assert listed["akimat-kz-62"].received == 0
    assert listed["akimat-kz-62"].answer_rank is None


def test_the_forwarded_appeal_counts_where_it_is_now(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    astana = rows()["akimat-kz-71"]
    assert (astana.received, astana.answered, astana.forwarded_in) == (5, 3, 1)
    assert astana.terminated == 1  # the forwarded one, left without consideration


def test_periods_filter_by_receipt(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    assert rows(Period.LAST_30_DAYS)["akimat-kz-75"].received == 6
    assert rows(Period.ALL_TIME)["akimat-kz-75"].received == 7
    assert rows(Period.YEAR_TO_DATE)["akimat-kz-75"].received == 6
    rankings_recompute(
        periods=(Period.CUSTOM,), start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31), as_of=AS_OF,
    )  # fmt: skip
    custom = rows(Period.CUSTOM)
    assert custom["akimat-kz-75"].received == 1
    assert sum(row.received for row in custom.values()) == 1


def test_ministries_are_a_scope_of_their_own(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    snapshot = latest_snapshot(Scope.MINISTRIES, Period.LAST_30_DAYS)
    assert snapshot is not None
    assert snapshot.rows.count() == 21  # the active ministries (abolished ones only with data)
    assert not snapshot.rows.filter(received__gt=0).exists()


def test_an_abolished_ministry_is_listed_only_where_it_has_appeals(data: None) -> None:
    appeal("mon", received=400)  # to the abolished Ministry of Education and Science
    rankings_recompute(as_of=AS_OF)
    listed = {}
    for period in (Period.LAST_30_DAYS, Period.ALL_TIME):
        snapshot = latest_snapshot(Scope.MINISTRIES, period)
        assert snapshot is not None
        listed[period] = {row.agency.code: row for row in snapshot.rows.select_related("agency")}
    assert "mon" not in listed[Period.LAST_30_DAYS]
    assert len(listed[Period.LAST_30_DAYS]) == 21
    assert listed[Period.ALL_TIME]["mon"].received == 1
    assert len(listed[Period.ALL_TIME]) == 22


def test_the_problem_map(data: None) -> None:
    rankings_recompute(as_of=AS_OF)
    snapshot = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    cells = {
        (cell.region.code, cell.category.code): (cell.received, cell.rated, cell.dissatisfied)
        for cell in ProblemCell.objects.filter(snapshot=snapshot).select_related(
            "region", "category"
        )
    }
    assert cells[("KZ-75", "housing")] == (11, 3, 1)
    assert cells[("KZ-10", "education")] == (3, 0, 0)


def test_a_run_that_dies_half_way_leaves_the_previous_snapshot(
    data: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    rankings_recompute(periods=(Period.LAST_30_DAYS,), as_of=AS_OF)
    before = latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS)
    appeal("akimat-kz-75")

    def die(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the worker was killed")

    monkeypatch.setattr(sums, "problem_cells_publish", die)  # the last write of a period
    with pytest.raises(RuntimeError):
        rankings_recompute(periods=(Period.LAST_30_DAYS,), as_of=AS_OF + DAY)
    assert latest_snapshot(Scope.AKIMATS, Period.LAST_30_DAYS) == before
    assert RankingSnapshot.objects.count() == 2
    assert rows()["akimat-kz-75"].received == 6


def test_old_snapshots_go_but_the_latest_stays(data: None, settings: Any) -> None:
    settings.RANKINGS_RETENTION_DAYS = 10
    rankings_recompute(periods=(Period.ALL_TIME,), as_of=AS_OF - 30 * DAY)
    rankings_recompute(periods=(Period.ALL_TIME,), as_of=AS_OF - 20 * DAY)
    rankings_recompute(periods=(Period.LAST_30_DAYS,), as_of=AS_OF)
    assert RankingSnapshot.objects.count() == 6  # a recompute prunes nothing
    snapshots_prune(AS_OF)
    kept = set(RankingSnapshot.objects.values_list("period", "as_of"))
    assert kept == {
        (Period.ALL_TIME, AS_OF - 20 * DAY),  # old, but the latest of its kind
        (Period.LAST_30_DAYS, AS_OF),
    }
    assert not CategoryRow.objects.exclude(snapshot__in=RankingSnapshot.objects.all()).exists()
    assert not ProblemCell.objects.exclude(snapshot__in=RankingSnapshot.objects.all()).exists()


def _published(scope: str, as_of: datetime.datetime) -> RankingSnapshot:
    snapshot = RankingSnapshot.objects.create(
        scope=scope, period=Period.LAST_30_DAYS, period_end=as_of.date(), as_of=as_of,
        methodology_version="2", min_cases=30,
    )  # fmt: skip
    CategoryRow.objects.create(
        snapshot=snapshot, agency_id=1, category_id=1, received=1, rated=0, dissatisfied=0
    )
    return snapshot


def test_old_snapshots_are_thinned_to_the_last_of_each_hour_then_of_each_day(
    settings: Any,
) -> None:
    settings.RANKINGS_RETENTION_DAYS, settings.RANKINGS_KEEP_HOURLY_DAYS = 30, 7
    settings.RANKINGS_KEEP_EVERY_MINUTES = 60
    minutes, hours = datetime.timedelta(minutes=1), datetime.timedelta(hours=1)
    # AS_OF is 12:00 in Almaty.
    last_hour = [AS_OF - offset * minutes for offset in (10, 30, 50)]
    at_nine = [AS_OF - 3 * hours + offset * minutes for offset in (10, 20, 50)]
    three_days_ago = [AS_OF - 3 * DAY + offset * minutes for offset in (130, 160, 185)]
    # In Almaty, 10 days ago: 00:30, 12:00 and 23:30 (00:30 is still the day before in UTC).
    ten_days_ago = [AS_OF - 10 * DAY + offset * hours for offset in (-11.5, 0, 11.5)]
    for as_of in last_hour + at_nine + three_days_ago + ten_days_ago:
        _published(Scope.AKIMATS, as_of)
    _published(Scope.MINISTRIES, ten_days_ago[0])  # the only one of its scope that day
    _published(Scope.AKIMATS, AS_OF - 40 * DAY)  # past the retention
    snapshots_prune(AS_OF)
    kept = set(RankingSnapshot.objects.values_list("scope", "as_of"))
    assert kept == {
        *((Scope.AKIMATS, as_of) for as_of in last_hour),  # every one of the last hour
        (Scope.AKIMATS, at_nine[2]),  # the last of 9:00-10:00
        (Scope.AKIMATS, three_days_ago[1]),  # the last of 14:00-15:00, three days ago
        (Scope.AKIMATS, three_days_ago[2]),  # the only one of 15:00-16:00
        (Scope.AKIMATS, ten_days_ago[2]),  # the last of its day
        (Scope.MINISTRIES, ten_days_ago[0]),  # the last of its day, and the latest
    }
    assert CategoryRow.objects.count() == 8  # went with their snapshots


def test_a_snapshot_a_minute_keeps_a_bounded_number(settings: Any) -> None:
    settings.RANKINGS_RETENTION_DAYS, settings.RANKINGS_KEEP_HOURLY_DAYS = 30, 2
    settings.RANKINGS_KEEP_EVERY_MINUTES = 60
    # Every minute for four days, up to 12:00 in Almaty.
    moments = [AS_OF - datetime.timedelta(minutes=m) for m in range(4 * 24 * 60)]
    RankingSnapshot.objects.bulk_create(
        RankingSnapshot(
            scope=Scope.AKIMATS, period=Period.ALL_TIME, period_end=AS_OF.date(), as_of=as_of,
            methodology_version="4", min_cases=30,
        )
        for as_of in moments
    )  # fmt: skip
    snapshots_prune(AS_OF)
    # Every one of the last hour (61, from 11:00 to 12:00), the last of each hour begun in
    # the two days before (10:00 back to 12:00 two days ago: 47), and of each day before
    # that (3).
    assert RankingSnapshot.objects.count() == 61 + 47 + 3
    snapshots_prune(AS_OF + 3 * DAY)  # three days on, with no newer snapshot
    assert RankingSnapshot.objects.count() == 5  # the last of each of the 5 days


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_two_runs_at_once_publish_one_snapshot(settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 3
    appeal("akimat-kz-75")
    span = period_span(Period.LAST_30_DAYS, AS_OF.date())
    outcomes = run_together(*[lambda: snapshot_period(span, AS_OF)] * 2)
    assert outcomes == ["won", "won"]  # the second stepped aside without an error
    assert RankingSnapshot.objects.filter(scope=Scope.AKIMATS).count() == 1
    assert RankingRow.objects.filter(snapshot__scope=Scope.AKIMATS).count() == 20
