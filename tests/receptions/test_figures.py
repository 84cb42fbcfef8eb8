"""The published figures of meetings: the issue's numbers, on-time control, the minimum of
questions, ranks and the periods."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from agencies.models import Agency
from appeals.models import Appeal
from receptions.figures import figure_span, figures_prune, figures_recompute, latest_figures
from receptions.figures_rows import FigureRow, figure_rows
from receptions.models import FigureLevel, FigurePeriod, Meeting, Question, ReceptionSnapshot
from tests.receptions.figures_data import (
    MEETING_DAY,
    OFFICIAL,
    appeal,
    citizen,
    meeting,
    question,
    rate,
    topic,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def published(level: str = FigureLevel.BODY) -> list[FigureRow]:
    figures_recompute(periods=(FigurePeriod.LAST_365_DAYS,))
    snapshot = latest_figures(FigurePeriod.LAST_365_DAYS)
    assert snapshot is not None
    return figure_rows(snapshot, level)


def ten_questions_seven_resolved() -> Meeting:
    """The issue's example: 10 questions at one body's meetings, 7 resolved, and one of
    those followed within the period by an appeal on the same topic from the same citizen."""
    first, second = meeting(), meeting(day=MEETING_DAY + 3 * DAY)
    people = [citizen(f"Гражданин {n}") for n in range(10)]
    for n, person in enumerate(people):
        outcome = Question.Outcome.RESOLVED if n < 7 else Question.Outcome.EXPLAINED
        question(first if n % 2 else second, outcome, citizen=person)
    appeal(people[0], day=MEETING_DAY + 40 * DAY)  # reopens the first resolved one
    appeal(people[1], day=MEETING_DAY + 40 * DAY, category=topic("housing-water"))
    appeal(people[2], day=MEETING_DAY + 150 * DAY)  # after the period
    return first


def test_ten_questions_seven_resolved_one_reopened() -> None:
    ten_questions_seven_resolved()
    [row] = published()
    assert row.figure.agency is not None and row.figure.agency.code == "akimat-kz-75"
    counts = (row.figure.questions, row.figure.resolved, row.figure.reopened)
    assert counts == (10, 7, 1)
    resolved = row.rate("resolved_rate")
    assert resolved is not None and resolved.value == 0.7
    assert resolved.low < 0.7 < resolved.high
    assert row.record()["resolved_rate"] == 0.7
    assert row.record()["reopened_rate"] == round(1 / 7, 4)
    assert row.record()["kept_rate"] == 0.6


def test_meetings_planned_held_and_not_held() -> None:
    meeting()
    meeting(status=Meeting.Status.NOT_HELD, not_held_reason="Болезнь")
    meeting(status=Meeting.Status.PLANNED)
    [row] = published()
    assert (row.figure.meetings_planned, row.figure.meetings_held) == (3, 1)
    assert row.figure.meetings_not_held == 1


def test_under_control_counts_its_appeals_answered_on_time() -> None:
    held = meeting()
    received = MEETING_DAY + DAY
    for n in range(12):
        linked = appeal(day=received)
        if n < 6:  # answered after its deadline
            linked.answered_at = linked.due_at + DAY
        elif n < 9:  # still open
            linked.status, linked.answered_at = Appeal.Status.IN_PROGRESS, None
        linked.save()
        question(held, Question.Outcome.CONTROL, appeal=linked)
    [row] = published()
    assert (row.figure.control, row.figure.control_closed) == (12, 9)
    assert row.figure.control_on_time == 3
    on_time = row.rate("on_time_rate")
    assert on_time is not None and on_time.value == pytest.approx(3 / 9)


def test_ratings_count_the_dissatisfied() -> None:
    held = meeting()
    for n in range(10):
        rate(question(held), satisfied=n >= 4)
    question(held)
    [row] = published()
    assert (row.figure.rated, row.figure.dissatisfied) == (10, 4)
    assert row.record()["dissatisfaction_rate"] == 0.4


def test_below_the_minimum_a_row_shows_counts_but_no_rates(settings: Any) -> None:
    settings.RECEPTIONS_MIN_CASES = 11
    ten_questions_seven_resolved()
    [row] = published()
    assert row.below_minimum and row.figure.rank is None
    assert row.figure.questions == 10
    assert all(rate is None for rate in row.rates.values())
    assert row.record()["resolved_rate"] is None and row.record()["below_minimum"] is True


def test_equal_shares_share_a_rank(settings: Any) -> None:
    settings.RECEPTIONS_MIN_CASES = 2
    for code in ("akimat-kz-75", "akimat-kz-71", "akimat-kz-79"):
        held = meeting(Agency.objects.get(code=code), official_name=f"Аким {code}")
        resolved = 2 if code == "akimat-kz-79" else 1
        for n in range(2):
            question(held, Question.Outcome.RESOLVED if n < resolved else "explained")
    rows = published()
    ranks = {row.figure.agency.code: row.figure.rank for row in rows if row.figure.agency}
    assert ranks == {"akimat-kz-79": 1, "akimat-kz-75": 2, "akimat-kz-71": 2}


def test_officials_and_regions_have_their_own_rows() -> None:
    meeting(official_post="Заместитель акима")
    meeting(official_name="Другой Чиновник")
    officials = published(FigureLevel.OFFICIAL)
    assert sorted(row.figure.official_name for row in officials) == sorted(
        [OFFICIAL, "Другой Чиновник"]
    )
    regions = figure_rows(officials[0].figure.snapshot, FigureLevel.REGION)
    assert [
        (row.figure.region.code, row.figure.meetings_planned)
        for row in regions
        if row.figure.region
    ] == [("KZ-75", 2)]


def test_a_custom_period_counts_by_meeting_day() -> None:
    meeting()
    meeting(day=MEETING_DAY + 20 * DAY)
    [snapshot] = figures_recompute(
        periods=(FigurePeriod.CUSTOM,), start=MEETING_DAY, end=MEETING_DAY + 19 * DAY
    )
    [row] = figure_rows(snapshot, FigureLevel.BODY)
    assert row.figure.meetings_planned == 1
    assert (snapshot.period_start, snapshot.period_end) == (MEETING_DAY, MEETING_DAY + 19 * DAY)


def test_periods_end_today() -> None:
    today = datetime.date(2026, 5, 20)
    assert figure_span(FigurePeriod.YEAR_TO_DATE, today).start == datetime.date(2026, 1, 1)
    assert figure_span(FigurePeriod.LAST_365_DAYS, today).start == datetime.date(2025, 5, 21)
    with pytest.raises(ValueError):
        figure_span(FigurePeriod.CUSTOM, today)


def test_pruning_keeps_the_latest_of_each_period(settings: Any) -> None:
    settings.RANKINGS_RETENTION_DAYS = 30
    now = timezone.now()
    for days_ago in (100, 60, 50):
        figures_recompute(as_of=now - days_ago * DAY)
    figures_recompute(periods=(FigurePeriod.CUSTOM,), start=MEETING_DAY, end=MEETING_DAY,
                      as_of=now - 90 * DAY)  # fmt: skip
    assert figures_prune(now) > 0
    left = ReceptionSnapshot.objects.values_list("period", flat=True)
    assert sorted(left) == sorted([*(p.value for p in FigurePeriod)])
