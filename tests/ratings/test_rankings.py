"""Rankings over a small data set whose every figure was computed by hand."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import connection

from accounts.models import User
from agencies.models import Agency, Category, Region
from agencies.workdays import ALMATY
from appeals.models import Appeal, AppealEvent, AppealType
from ratings.models import Feedback, Period, ProblemCell, RankingRow, RankingSnapshot, Scope
from ratings.snapshots import latest_snapshot, period_span, rankings_recompute, snapshot_period
from tests.factories import UserFactory

AS_OF = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=ALMATY)
DAY = datetime.timedelta(days=1)


def at(days_before: float) -> datetime.datetime:
    return AS_OF - datetime.timedelta(days=days_before)


_numbers = iter(range(1, 10_000))


def appeal(
    agency: str, *, status: str = "answered", received: float = 20, answer_after: float = 2,
    late: bool = False, rating: bool | None = None, category: str = "housing-heating",
    region: str = "KZ-75", forwarded_from: str | None = None,
) -> Appeal:  # fmt: skip
    """One appeal, received `received` days before AS_OF, answered `answer_after` days later."""
    received_at = at(received)
    due_at = received_at + (-DAY if late else 30 * DAY)
    closed = status in ("answered", "terminated")
    made = Appeal.objects.create(
        reference=f"ЗТ-2026-{next(_numbers):08d}", type=AppealType.objects.get(code="application"),
        applicant=applicant(), category=Category.objects.get(code=category),
        region=Region.objects.get(code=region), subject="s", text="t", language="ru",
        addressee=Agency.objects.get(code=forwarded_from or agency),
        agency=Agency.objects.get(code=agency), status=status, received_at=received_at,
        due_at=due_at if closed or not late else at(1),
        answered_at=received_at + answer_after * DAY if closed else None,
    )  # fmt: skip
    if rating is not None:
        Feedback.objects.create(appeal=made, satisfied=rating, reason="" if rating else "formal")
    if forwarded_from:
        AppealEvent.objects.create(
            appeal=made, action="appeal.forwarded", created_at=received_at,
            from_agency=Agency.objects.get(code=forwarded_from),
            to_agency=made.agency, data={"late": True},
        )  # fmt: skip
    return made


_applicant: list[User] = []


def applicant() -> User:
    if not _applicant or not User.objects.filter(pk=_applicant[0].pk).exists():
        _applicant[:] = [UserFactory.create()]
    return _applicant[0]


@pytest.fixture
def data(settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 3
    # Almaty: its akimat and a district akimat, rolled up together.
    appeal("akimat-kz-75", answer_after=2, rating=True)
    appeal("akimat-kz-75", answer_after=4, rating=False)
    appeal("akimat-kz-75", answer_after=10, late=True, rating=True)
    appeal("akimat-kz-75", status="withdrawn")
    appeal("akimat-kz-75-almaly", answer_after=6)
    appeal("akimat-kz-75-almaly", status="in_progress", late=True)
    # Astana: 5 received (one forwarded in from Almaty), 4 answered: ties with Almaty.
    for _ in range(3):
        appeal("akimat-kz-71", answer_after=1)
    appeal("akimat-kz-71", status="terminated", answer_after=3, forwarded_from="akimat-kz-75")
    appeal("akimat-kz-71", status="registered")
    # Abai: 3 of 3 answered; Shymkent: 2 received (too few); Akmola: 1 of 3.
    for _ in range(3):
        appeal("akimat-kz-10", answer_after=5, region="KZ-10", category="education-schools")
    appeal("akimat-kz-79", region="KZ-79")
    appeal("akimat-kz-79", region="KZ-79")
    appeal("akimat-kz-11", region="KZ-11")
    appeal("akimat-kz-11", status="registered", region="KZ-11")
    appeal("akimat-kz-11", status="submitted", region="KZ-11")
    # Received long ago: only "all time" sees it.
    appeal("akimat-kz-75", received=400, answer_after=1)


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
    assert almaty.median_days_to_answer == pytest.approx(5.0)  # 2, 4, 6, 10 days
    assert (almaty.forwarded_out, almaty.forwarded_in) == (1, 0)
    assert almaty.late_forwards == 1


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
    rankings_recompute(as_of=AS_OF)
    ranked = {code: row.answer_rank for code, row in rows().items() if row.received}
    assert ranked == {
        "akimat-kz-10": 1,  # 3/3
        "akimat-kz-75": 2,  # 4/5
        "akimat-kz-71": 2,  # 4/5, the same: a shared rank
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
    assert (astana.received, astana.answered, astana.forwarded_in) == (5, 4, 1)


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

    monkeypatch.setattr(ProblemCell.objects, "bulk_create", die)
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
    kept = set(RankingSnapshot.objects.values_list("period", "as_of"))
    assert kept == {
        (Period.ALL_TIME, AS_OF - 20 * DAY),  # old, but the latest of its kind
        (Period.LAST_30_DAYS, AS_OF),
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_two_runs_at_once_publish_one_snapshot(settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 3
    appeal("akimat-kz-75")
    span = period_span(Period.LAST_30_DAYS, AS_OF.date())
    barrier = threading.Barrier(2)

    def run() -> None:
        try:
            barrier.wait()
            snapshot_period(span, AS_OF)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert RankingSnapshot.objects.filter(scope=Scope.AKIMATS).count() == 1
    assert RankingRow.objects.filter(snapshot__scope=Scope.AKIMATS).count() == 20
