"""Periods as signed pieces of tally rows, and the grouped median."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest

from agencies.models import Agency
from ratings import sums
from ratings.arithmetic import TALLY_COUNTS
from ratings.models import AnswerDays, Grain, UnitTally
from ratings.tallies import periods
from tests.ratings.oracle import grouped_median

pytestmark = pytest.mark.django_db


def published_median(histogram: dict[int, int]) -> float | None:
    """The median the rankings publish for a unit whose answers took these whole days."""
    unit = Agency.objects.get(code="akimat-kz-75").pk
    year = datetime.date(2025, 1, 1)
    counts = {**dict.fromkeys(TALLY_COUNTS, 0), "received": 1}
    UnitTally.objects.create(grain=Grain.YEAR, day=year, unit_id=unit, category_id=1, **counts)
    AnswerDays.objects.bulk_create(
        AnswerDays(grain=Grain.YEAR, day=year, unit_id=unit, days=days, answers=answers)
        for days, answers in histogram.items()
    )
    try:
        figures = sums.unit_figures([(Grain.YEAR, None, datetime.date(2026, 1, 1), 1)])
        return figures[unit].median_days_to_answer
    finally:
        UnitTally.objects.all().delete()
        AnswerDays.objects.all().delete()


@pytest.mark.parametrize(
    "histogram",
    [{1: 3, 3: 1}, {4: 1}, {0: 1, 2: 2, 7: 1}, {0: 2, 1: 2}, {5: 0, 6: 3}, {}],
)
def test_the_published_median_is_the_grouped_median(db: None, histogram: dict[int, int]) -> None:
    expected = grouped_median(histogram)
    assert published_median(histogram) == (None if expected is None else round(expected, 2))


def test_the_grouped_median_interpolates_inside_the_whole_day_bucket() -> None:
    # 1.2, 1.5, 1.9 and 3.1 days: n/2 = 2 falls in [1, 2), which holds 3: 1 + (2 − 0) / 3.
    assert grouped_median({1: 3, 3: 1}) == pytest.approx(1 + 2 / 3)
    # One answer: half of it is through its bucket.
    assert grouped_median({4: 1}) == pytest.approx(4.5)
    # 0.x, 2.x, 2.x, 7.x: n/2 = 2; 1 below [2, 3), which holds 2: 2 + (2 − 1) / 2.
    assert grouped_median({0: 1, 2: 2, 7: 1}) == pytest.approx(2.5)
    assert grouped_median({}) is None


def test_a_period_reads_whole_years_and_months_and_the_days_at_its_edges() -> None:
    day, year, month, days = datetime.date, Grain.YEAR, Grain.MONTH, Grain.DAY
    assert periods.cover(day(2024, 11, 20), day(2026, 3, 5)) == [
        (days, day(2024, 11, 20), day(2024, 12, 1), 1),
        (days, day(2026, 3, 1), day(2026, 3, 5), 1),
        (month, day(2024, 12, 1), day(2025, 1, 1), 1),
        (month, day(2026, 1, 1), day(2026, 3, 1), 1),
        (year, day(2025, 1, 1), day(2026, 1, 1), 1),
    ]
    # From the beginning: every day's rows, less the years from 2026 on.
    assert periods.cover(None, day(2026, 1, 1)) == [
        (Grain.ALL, None, None, 1),
        (year, day(2026, 1, 1), None, -1),
    ]


def test_a_period_reads_a_whole_year_or_month_less_the_rest_when_that_is_less() -> None:
    day, year, month, days = datetime.date, Grain.YEAR, Grain.MONTH, Grain.DAY
    # All time to 3 December: every day, less December but its first three days, less the
    # years after (none of them hold rows yet).
    assert periods.cover(None, day(2026, 12, 4)) == [
        (Grain.ALL, None, None, 1),
        (days, day(2026, 12, 1), day(2026, 12, 4), 1),
        (month, day(2026, 12, 1), day(2027, 1, 1), -1),
        (year, day(2027, 1, 1), None, -1),
    ]
    # The last 30 days: November less its first three days, and three days of December.
    assert periods.cover(day(2026, 11, 4), day(2026, 12, 4)) == [
        (days, day(2026, 11, 1), day(2026, 11, 4), -1),
        (days, day(2026, 12, 1), day(2026, 12, 4), 1),
        (month, day(2026, 11, 1), day(2026, 12, 1), 1),
    ]
    assert periods.cover(day(2026, 5, 3), day(2026, 6, 1)) == [
        (days, day(2026, 5, 1), day(2026, 5, 3), -1),
        (month, day(2026, 5, 1), day(2026, 6, 1), 1),
    ]


def days_counted(
    pieces: list[tuple[str, datetime.date | None, datetime.date | None, int]],
    first: datetime.date,
    horizon: datetime.date,
) -> Counter[datetime.date]:
    """How often the pieces count each day, of rows for the days in [first, horizon)."""
    counted: Counter[datetime.date] = Counter()
    for grain, low, high, sign in pieces:
        low, high = low or first, high or horizon
        for step in range((high - low).days):
            one = low + datetime.timedelta(days=step)
            if grain == Grain.ALL:
                counted[one] += sign
            elif one == periods.truncate(one, Grain(grain)):  # a row of this grain
                span_end = periods.following(one, Grain(grain))
                for inner in range((span_end - one).days):
                    counted[one + datetime.timedelta(days=inner)] += sign
    return counted


def test_signed_pieces_count_every_day_of_the_span_once() -> None:
    rng = random.Random(3)
    first, horizon = datetime.date(2019, 1, 1), datetime.date(2029, 1, 1)
    for _ in range(300):
        start = first + datetime.timedelta(days=rng.randrange(2600))
        end = start + datetime.timedelta(days=rng.randrange(1, 900))
        pieces = periods.cover(start, end)
        assert all(low is not None and high is not None for _, low, high, _ in pieces)
        counted = days_counted(pieces, first, horizon)
        wanted = Counter(start + datetime.timedelta(days=n) for n in range((end - start).days))
        assert +counted == wanted and not -counted, (start, end)
        # From the beginning to the same end: every day before it, however many there are.
        counted = days_counted(periods.cover(None, end), first, horizon)
        wanted = Counter(first + datetime.timedelta(days=n) for n in range((end - first).days))
        assert +counted == wanted and not -counted, (None, end)
