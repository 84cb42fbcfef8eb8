"""The tallies behind the rankings: incremental refresh, triggers, rebuilds, concurrency."""

from __future__ import annotations

import datetime
import io
import random
import threading
import time
from collections import Counter, defaultdict
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from agencies.models import Agency, Category
from agencies.workdays import ALMATY
from appeals.models import Appeal, AppealEvent, Feedback
from appeals.services import appeal_forward
from ratings import sums
from ratings.arithmetic import TALLY_COUNTS
from ratings.models import (
    AnswerDays,
    CategoryRow,
    CountedForwards,
    DirtyAppeal,
    DueTally,
    Grain,
    MapTally,
    Period,
    ProblemCell,
    RankingRow,
    RankingSnapshot,
    TallyDelta,
    UnitTally,
)
from ratings.snapshots import SCHEDULED_PERIODS, period_span, rankings_recompute, snapshot_period
from ratings.tallies import periods
from ratings.tallies.refresh import tallies_refresh
from ratings.units import unit_map
from tests.conftest import People
from tests.ratings.dataset import AS_OF, DAY, appeal
from tests.threads import run_together

pytestmark = pytest.mark.django_db
# Closed by the agency: an answer or a termination notice (ratings/sql/tallies.sql).
CLOSED = ("answered", "terminated")
CODES = [
    "akimat-kz-75", "akimat-kz-75-almaly", "akimat-kz-75-medeu", "akimat-kz-71",
    "akimat-kz-71-yesil", "akimat-kz-10", "akimat-kz-79-abay", "mtszn", "mvd", "mf",
]  # fmt: skip
STATUSES = ["answered"] * 6 + ["terminated", "withdrawn", "in_progress", "submitted"]


def tally_rows() -> Counter[tuple[Any, ...]]:
    """Every row of the tallies, at every grain, and every forwarded appeal's counted part."""
    rows: Counter[tuple[Any, ...]] = Counter()
    for model in (UnitTally, MapTally, AnswerDays, CountedForwards):
        names = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        rows.update(
            (model.__name__, *(tuple(v) if isinstance(v, list) else v for v in row))
            for row in model.objects.values_list(*names)
        )
    return rows


def published() -> dict[tuple[str, str], Any]:
    """Every figure of the latest snapshot of each period and scope."""
    figures: dict[tuple[str, str], Any] = {}
    skip = {"id", "snapshot_id"}
    for snapshot in RankingSnapshot.objects.order_by("as_of"):  # later ones win
        key = (snapshot.period, snapshot.scope)
        row_fields = [f.attname for f in RankingRow._meta.concrete_fields if f.attname not in skip]
        figures[key] = (
            sorted(snapshot.rows.values_list(*row_fields)),
            sorted(
                CategoryRow.objects.filter(snapshot=snapshot).values_list(
                    "agency_id", "category_id", "received", "rated", "dissatisfied"
                )
            ),
            sorted(
                ProblemCell.objects.filter(snapshot=snapshot).values_list(
                    "region_id", "category_id", "received", "rated", "dissatisfied"
                )
            ),
        )
    return figures


def random_appeals(seed: int, count: int) -> list[Appeal]:
    """Appeals over three years, some rated, some forwarded once or twice, late or not."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        status = rng.choice(STATUSES)
        made_appeal = appeal(
            rng.choice(CODES),
            status=status,
            received=rng.uniform(0, 1100),
            answer_after=rng.uniform(0, 40),
            late=rng.random() < 0.3,
            rating=rng.choice([None, None, True, False]) if status == "answered" else None,
            category=rng.choice(["housing-heating", "education-schools", "roads-transport"]),
        )
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
            AppealEvent.objects.create(
                appeal=made_appeal, action="appeal.forwarded",
                created_at=made_appeal.received_at,
                from_agency=Agency.objects.get(code=rng.choice(CODES)),
                to_agency=Agency.objects.get(code=rng.choice(CODES)),
                data={"late": rng.random() < 0.5} if rng.random() < 0.8 else {},
            )  # fmt: skip
        made.append(made_appeal)
    return made


def direct_counts(start: datetime.date | None, end: datetime.date) -> dict[int, dict[str, int]]:
    """An independent count, appeal by appeal in Python, of what the tallies must hold."""
    mapping = unit_map()
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(TALLY_COUNTS, 0))
    for item in Appeal.objects.all():
        day = item.received_at.astimezone(ALMATY).date()
        if (start is not None and day < start) or day >= end:
            continue
        feedback = Feedback.objects.filter(appeal=item).first()
        unit = mapping.get(item.agency_id)
        if unit is not None:
            closed = item.status in CLOSED
            answered_at = item.answered_at
            counts[unit]["received"] += 1
            counts[unit]["withdrawn"] += item.status == "withdrawn"
            counts[unit]["answered"] += closed
            counts[unit]["answered_on_time"] += bool(
                closed and answered_at and answered_at <= item.due_at
            )
            counts[unit]["rated"] += feedback is not None
            counts[unit]["dissatisfied"] += bool(feedback and not feedback.satisfied)
            counts[unit]["open"] += item.status in Appeal.OPEN_STATUSES
        sources: dict[int, bool] = {}
        targets: set[int] = set()
        for event in AppealEvent.objects.filter(appeal=item, action="appeal.forwarded"):
            source = mapping.get(event.from_agency_id or 0)
            target = mapping.get(event.to_agency_id or 0)
            if source == target:
                continue
            if source is not None:
                sources[source] = sources.get(source, False) or bool(event.data.get("late"))
            if target is not None:
                targets.add(target)
        for source, late in sources.items():
            counts[source]["forwarded_out"] += 1
            counts[source]["late_forwards"] += late
        for target in targets:
            counts[target]["forwarded_in"] += 1
    return dict(counts)


def grouped_median(histogram: dict[int, int]) -> float | None:
    """The median of values known by whole-day bucket: [d, d + 1) holds histogram[d],
    interpolated inside the bucket where the count reaches half: d + (n/2 − below) / n_d."""
    total = sum(histogram.values())
    half, below = total / 2, 0
    for days in sorted(histogram):
        count = histogram[days]
        if count and below + count >= half:
            return days + (half - below) / count
        below += count
    return None


def direct_medians(start: datetime.date | None, end: datetime.date) -> dict[int, float]:
    """Each unit's grouped median, from the answers' whole days counted in Python."""
    mapping = unit_map()
    histograms: dict[int, Counter[int]] = defaultdict(Counter)
    for item in Appeal.objects.filter(status__in=CLOSED, answered_at__isnull=False):
        day = item.received_at.astimezone(ALMATY).date()
        unit = mapping.get(item.agency_id)
        if unit is not None and (start is None or day >= start) and day < end:
            assert item.answered_at is not None
            histograms[unit][(item.answered_at - item.received_at) // DAY] += 1
    medians = {unit: grouped_median(dict(h)) for unit, h in histograms.items()}
    return {unit: round(median, 2) for unit, median in medians.items() if median is not None}


def summed(start: datetime.date | None, end: datetime.date) -> dict[int, dict[str, int]]:
    figures = sums.unit_figures(periods.cover(start, end))
    return {
        unit_id: {name: getattr(unit, name) for name in TALLY_COUNTS}
        for unit_id, unit in figures.items()
    }


# --- the pure parts ---


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


# --- the tallies against an independent count ---


def test_the_tallies_hold_what_a_count_of_every_appeal_gives() -> None:
    random_appeals(seed=7, count=80)
    tallies_refresh()
    today = AS_OF.astimezone(ALMATY).date()
    for period in SCHEDULED_PERIODS:
        span = period_span(period, today)
        end = span.end + DAY
        assert summed(span.start, end) == direct_counts(span.start, end), period
        figures = sums.unit_figures(periods.cover(span.start, end))
        medians = {
            unit_id: unit.median_days_to_answer
            for unit_id, unit in figures.items()
            if unit.median_days_to_answer is not None
        }
        assert medians == direct_medians(span.start, end), period


def test_a_past_range_subtracts_the_days_after_it() -> None:
    """Ranges that end before the data does: the days a piece takes away hold appeals."""
    random_appeals(seed=8, count=80)
    tallies_refresh()
    today, rng = AS_OF.astimezone(ALMATY).date(), random.Random(8)
    subtracting = 0
    for _ in range(12):
        start = today - rng.randrange(30, 1100) * DAY
        end = start + rng.randrange(1, 400) * DAY
        subtracting += any(sign < 0 for *_, sign in periods.cover(start, end))
        assert summed(start, end) == direct_counts(start, end), (start, end)
        figures = sums.unit_figures(periods.cover(start, end))
        medians = {
            unit_id: unit.median_days_to_answer
            for unit_id, unit in figures.items()
            if unit.median_days_to_answer is not None
        }
        assert medians == direct_medians(start, end), (start, end)
    assert subtracting >= 6


def published_overdue(as_of: datetime.datetime) -> dict[str, dict[int, int]]:
    rankings_recompute(as_of=as_of)
    return {
        period: dict(
            RankingRow.objects.filter(snapshot__period=period, snapshot__as_of=as_of)
            .exclude(overdue_open=0)
            .values_list("agency_id", "overdue_open")
        )
        for period in SCHEDULED_PERIODS
    }


def direct_overdue(as_of: datetime.datetime) -> dict[str, dict[int, int]]:
    """Each unit's open appeals past their deadline at `as_of`, appeal by appeal."""
    mapping, today = unit_map(), as_of.astimezone(ALMATY).date()
    counts: dict[str, dict[int, int]] = {}
    for period in SCHEDULED_PERIODS:
        span, per_unit = period_span(period, today), Counter[int]()
        for item in Appeal.objects.filter(status__in=Appeal.OPEN_STATUSES, due_at__lt=as_of):
            day = item.received_at.astimezone(ALMATY).date()
            if (span.start is None or day >= span.start) and day <= span.end:
                per_unit[mapping[item.agency_id]] += 1
        counts[period] = dict(per_unit)
    return counts


def test_overdue_is_the_open_appeals_less_those_not_yet_due_at_that_moment() -> None:
    def open_appeal(
        received: float, due: datetime.datetime, agency: str = "akimat-kz-75"
    ) -> Appeal:
        made = appeal(agency, status="in_progress", received=received)
        Appeal.objects.filter(pk=made.pk).update(due_at=due)
        return made

    midnight = datetime.datetime.combine(AS_OF.date(), datetime.time.min, tzinfo=ALMATY)
    open_appeal(40, AS_OF - 10 * DAY)  # overdue, received before the last 30 days
    open_appeal(10, midnight - datetime.timedelta(microseconds=1))  # due at yesterday's end
    open_appeal(10, midnight + datetime.timedelta(hours=9), "akimat-kz-75-almaly")  # this morning
    evening = open_appeal(10, midnight + datetime.timedelta(hours=18))  # due tonight
    open_appeal(5, AS_OF + DAY)
    open_appeal(400, AS_OF - 300 * DAY, "mvd")
    appeal("akimat-kz-71", received=5, late=True)  # answered late: closed, not overdue
    extended = open_appeal(3, AS_OF - DAY, "akimat-kz-71")
    shortened = open_appeal(3, AS_OF + 7 * DAY, "akimat-kz-71")
    expected = direct_overdue(AS_OF)
    assert published_overdue(AS_OF) == expected  # counted by a full rebuild
    assert sum(expected[Period.LAST_30_DAYS].values()) == 3

    # Counted by the incremental refresh: a deadline put off, one brought forward, one
    # appeal answered; and at 20:00 the evening's deadline has passed, with no change.
    Appeal.objects.filter(pk=extended.pk).update(due_at=AS_OF + 7 * DAY)
    Appeal.objects.filter(pk=shortened.pk).update(due_at=AS_OF - 2 * DAY)
    Appeal.objects.filter(pk=evening.pk).update(status="answered", answered_at=AS_OF)
    assert published_overdue(AS_OF + DAY / 2) == direct_overdue(AS_OF + DAY / 2)
    Appeal.objects.filter(pk=evening.pk).update(status="in_progress", answered_at=None)
    later = AS_OF + datetime.timedelta(hours=8)
    assert published_overdue(later) == direct_overdue(later)
    assert sum(direct_overdue(later)[Period.LAST_30_DAYS].values()) == 4
    assert not DueTally.objects.filter(open__lte=0).exists()


def test_a_unit_without_a_ranked_body_counts_on_the_map_only() -> None:
    central = Agency.objects.create(
        code="central-agency", kind=Agency.Kind.CENTRAL, name_ru="c", name_kk="c", name_en="c"
    )
    made = appeal("akimat-kz-10", region="KZ-10", category="education-schools")
    Appeal.objects.filter(pk=made.pk).update(agency=central)
    tallies_refresh()
    assert central.pk not in sums.unit_figures(periods.cover(None, AS_OF.date() + DAY))
    rankings_recompute(periods=(Period.ALL_TIME,), as_of=AS_OF)
    education = Category.objects.get(code="education").pk
    cells = ProblemCell.objects.filter(category_id=education)
    assert list(cells.values_list("region_id", "received", "rated", "dissatisfied")) == [
        (made.region_id, 1, 0, 0)
    ]
    assert not CategoryRow.objects.filter(agency=central).exists()


# --- incremental: the next refresh equals a full rebuild ---


def test_an_incremental_refresh_equals_a_full_rebuild(people: People, settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 3
    made = random_appeals(seed=11, count=60)
    # One appeal for each change, so that no change hides another.
    moved, recategorised, extended, opened, withdrawn = (
        appeal("akimat-kz-79-abay", received=100 + n, status=status)
        for n, status in enumerate(["answered", "answered", "answered", "registered", "submitted"])
    )
    submitted = appeal("akimat-kz-75", status="submitted", received=0.1)
    rankings_recompute(as_of=AS_OF)
    assert not TallyDelta.objects.exists()
    assert not DirtyAppeal.objects.exists()

    # Every kind of change the tallies count, through the ORM and through a service.
    Appeal.objects.filter(pk=moved.pk).update(received_at=moved.received_at - 400 * DAY)
    Appeal.objects.filter(pk=recategorised.pk).update(category=Category.objects.get(code="other"))
    Appeal.objects.filter(pk=extended.pk).update(due_at=extended.received_at - DAY)
    Appeal.objects.filter(pk=opened.pk).update(status="answered", answered_at=AS_OF)
    Appeal.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    answered = [a for a in made if a.status == "answered"]
    Feedback.objects.filter(appeal__in=answered[:3]).delete()
    Feedback.objects.filter(appeal__in=answered[3:6]).update(satisfied=False, reason="formal")
    for rated in answered[6:9]:
        Feedback.objects.get_or_create(appeal=rated, defaults={"satisfied": True})
    appeal_forward(
        appeal_id=submitted.pk, actor=people.registrar, to_agency=people.other_agency,
        reason="Not ours",
    )  # fmt: skip
    random_appeals(seed=12, count=10)
    assert TallyDelta.objects.exists()
    assert set(DirtyAppeal.objects.values_list("appeal_id", flat=True)) >= {
        recategorised.pk,
        moved.pk,
        submitted.pk,
    }

    rankings_recompute(as_of=AS_OF + datetime.timedelta(seconds=1))
    incremental_rows, incremental_figures = tally_rows(), published()
    tallies_refresh(rebuild=True)
    rankings_recompute(as_of=AS_OF + datetime.timedelta(seconds=2))
    assert tally_rows() == incremental_rows
    assert published() == incremental_figures
    assert len(incremental_figures) == 2 * len(SCHEDULED_PERIODS)


def test_an_update_of_nothing_counted_logs_nothing(people: People) -> None:
    made = appeal("akimat-kz-75", status="registered")
    tallies_refresh()
    Appeal.objects.filter(pk=made.pk).update(executor=people.executor, subject="Another")
    assert not TallyDelta.objects.exists()
    Appeal.objects.filter(pk=made.pk).update(status="in_progress")
    logged = TallyDelta.objects.order_by("sign").values_list("appeal_id", "sign", "received")
    assert list(logged) == [(made.pk, -1, True), (made.pk, 1, True)]
    assert not DirtyAppeal.objects.exists()  # its forwards cannot have changed


# --- triggers: bulk writes in plain SQL ---


def test_the_triggers_see_a_bulk_insert_select_and_copy() -> None:
    template = appeal("akimat-kz-71", received=3, rating=False)
    copied = appeal("akimat-kz-71", received=4)
    tallies_refresh()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO appeals_appeal (reference, type_id, applicant_id, co_applicants,
                category_id, region_id, address, subject, text, language, addressee_id,
                agency_id, status, received_at, due_at, answered_at, forward_count,
                answer_kind, answer_text, termination_reason, extension_reason, imported)
            SELECT 'ЗТ-2020-' || lpad(n::text, 8, '0'), type_id, applicant_id, 0, category_id,
                   region_id, '', '', '', 'ru', addressee_id, agency_id, status,
                   received_at - n * interval '1 day', due_at, answered_at, 0, '', '', '', '',
                   true
            FROM appeals_appeal, generate_series(1, 500) AS n WHERE id = %s
            """,
            [template.pk],
        )
        cursor.execute(
            "INSERT INTO ratings_feedback (appeal_id, satisfied, reason, comment, created_at,"
            " updated_at) SELECT id, true, '', '', now(), now() FROM appeals_appeal"
            " WHERE reference LIKE 'ЗТ-2020-%%'"
        )
        cursor.copy_expert(
            "COPY ratings_feedback (appeal_id, satisfied, reason, comment, created_at,"
            " updated_at) FROM STDIN WITH (FORMAT csv)",
            io.StringIO(f'{copied.pk},f,formal,"",2026-06-01 00:00+05,2026-06-01 00:00+05\n'),
        )
    assert TallyDelta.objects.values("appeal_id").distinct().count() == 501
    tallies_refresh()
    astana = Agency.objects.get(code="akimat-kz-71").pk
    counts = summed(None, AS_OF.date() + DAY)[astana]
    assert (counts["received"], counts["rated"], counts["dissatisfied"]) == (502, 502, 2)


def test_the_triggers_see_a_forward_written_after_its_appeal() -> None:
    made = appeal("akimat-kz-71")
    tallies_refresh()
    AppealEvent.objects.bulk_create(
        [
            AppealEvent(
                appeal=made, action="appeal.forwarded", created_at=made.received_at,
                from_agency=Agency.objects.get(code="mvd"), to_agency=made.agency,
                data={"late": True},
            )
        ]
    )  # fmt: skip
    tallies_refresh()
    counts = summed(None, AS_OF.date() + DAY)
    assert counts[Agency.objects.get(code="mvd").pk]["late_forwards"] == 1
    assert counts[made.agency_id]["forwarded_in"] == 1


def test_many_appeals_to_look_up_again_rebuild_everything() -> None:
    made = random_appeals(seed=5, count=30)
    tallies_refresh()
    other = Category.objects.get(code="other")
    # A category changed: the appeal's forwards are counted again, looked up one by one.
    Appeal.objects.filter(pk__in=[a.pk for a in made[:3]]).update(category=other)
    assert not tallies_refresh(rebuild_above=2).rebuilt  # 3 of 30: a tenth
    Appeal.objects.filter(pk__in=[a.pk for a in made[3:7]]).update(category=other)
    refresh = tallies_refresh(rebuild_above=2)  # 4 of 30: more than a tenth
    assert (refresh.rebuilt, refresh.appeals) == (True, 30)
    assert not TallyDelta.objects.exists()
    assert not DirtyAppeal.objects.exists()
    today = AS_OF.date() + DAY
    assert summed(None, today) == direct_counts(None, today)


def test_signed_parts_of_every_appeal_are_summed_without_a_rebuild() -> None:
    made = random_appeals(seed=6, count=30)
    tallies_refresh()
    changed = Appeal.objects.filter(pk__in=[a.pk for a in made]).exclude(status="terminated")
    count = changed.update(status="terminated")
    assert count > 20  # far more than a tenth, and rebuild_above
    refresh = tallies_refresh(rebuild_above=2)
    assert (refresh.rebuilt, refresh.appeals) == (False, count)
    today = AS_OF.date() + DAY
    assert summed(None, today) == direct_counts(None, today)


# --- the trees the tallies were built with ---


def test_a_changed_agency_tree_rebuilds_the_tallies(data: None) -> None:
    assert tallies_refresh().rebuilt  # never built before
    assert not tallies_refresh().rebuilt
    almaty = Agency.objects.get(code="akimat-kz-75").pk
    astana = Agency.objects.get(code="akimat-kz-71").pk
    before = summed(None, AS_OF.date() + DAY)
    Agency.objects.filter(code="akimat-kz-75-almaly").update(
        parent=Agency.objects.get(code="akimat-kz-71")
    )  # the district's two appeals now belong to Astana's unit
    assert tallies_refresh().rebuilt
    after = summed(None, AS_OF.date() + DAY)
    assert after[almaty]["received"] == before[almaty]["received"] - 2
    assert after[astana]["received"] == before[astana]["received"] + 2
    assert after == direct_counts(None, AS_OF.date() + DAY)


def test_a_changed_category_tree_rebuilds_the_tallies(data: None) -> None:
    tallies_refresh()
    Category.objects.filter(code="education-schools").update(
        parent=Category.objects.get(code="housing")
    )
    assert tallies_refresh().rebuilt
    rankings_recompute(periods=(Period.ALL_TIME,), as_of=AS_OF)
    abai = CategoryRow.objects.filter(agency__code="akimat-kz-10")
    housing = Category.objects.get(code="housing").pk
    assert list(abai.values_list("category_id", "received", "rated", "dissatisfied")) == [
        (housing, 3, 0, 0)
    ]


# --- concurrency ---


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_two_recomputes_at_once_count_every_appeal_once(settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 3
    random_appeals(seed=3, count=30)
    rankings_recompute()
    random_appeals(seed=4, count=30)  # dirty days for both runs to fight over
    moment = timezone.now()
    outcomes = run_together(
        lambda: rankings_recompute(as_of=moment),
        lambda: rankings_recompute(as_of=moment + datetime.timedelta(seconds=1)),
    )
    assert outcomes == ["won", "won"]
    after_both = tally_rows()
    tallies_refresh(rebuild=True)
    assert tally_rows() == after_both
    today = timezone.now().astimezone(ALMATY).date()
    assert summed(None, today + DAY) == direct_counts(None, today + DAY)


def lock_waiters() -> int:
    """Backends of this database waiting for a lock (a row, a table or an advisory one)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return int(cursor.fetchone()[0])


def wait_for(condition: Any) -> None:
    for _ in range(400):
        if condition():
            return
        time.sleep(0.025)
    raise AssertionError("the other sessions never got there")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_a_refresh_waits_for_the_publication_of_the_one_before(settings: Any) -> None:
    # A publication has counted an appeal again and not yet committed when the appeal
    # changes again and a second refresh starts. Were the second to take the part it can
    # see (the one before the first) as the part counted, the change would count twice.
    settings.RANKINGS_MIN_CASES = 3
    made = appeal("akimat-kz-75", status="in_progress")
    tallies_refresh()
    Appeal.objects.filter(pk=made.pk).update(status="answered", answered_at=made.received_at)
    hold, held = threading.Event(), threading.Event()

    def holder() -> None:  # pauses publications just after their refresh
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("LOCK TABLE ratings_rankingsnapshot IN EXCLUSIVE MODE")
                held.set()
                hold.wait(20)
        finally:
            connection.close()

    def in_thread(call: Any) -> threading.Thread:
        def run() -> None:
            try:
                call()
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    holding = in_thread(holder)
    assert held.wait(10)
    publishing = in_thread(
        lambda: snapshot_period(period_span(Period.ALL_TIME, AS_OF.date()), AS_OF)
    )
    wait_for(lambda: lock_waiters() == 1)  # refreshed, waiting to write its snapshot
    Feedback.objects.create(appeal=made, satisfied=False, reason="formal")
    refreshing = in_thread(tallies_refresh)
    wait_for(lambda: lock_waiters() == 2 or not refreshing.is_alive())
    hold.set()
    for thread in (holding, publishing, refreshing):
        thread.join(20)
    counts = summed(None, AS_OF.date() + DAY)[Agency.objects.get(code="akimat-kz-75").pk]
    assert (counts["received"], counts["answered"], counts["dissatisfied"]) == (1, 1, 1)
    after_both = tally_rows()
    tallies_refresh(rebuild=True)
    assert tally_rows() == after_both


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_a_change_committed_during_a_refresh_is_counted_by_the_next() -> None:
    # The appeal is logged by a committed change; a writer changes it again and commits
    # only after a refresh took it. With one row per appeal and ON CONFLICT DO NOTHING,
    # the writer's change would never be counted.
    made = appeal("akimat-kz-75", status="in_progress")
    tallies_refresh()
    Appeal.objects.filter(pk=made.pk).update(status="answered", answered_at=made.received_at)
    rated, release = threading.Event(), threading.Event()

    def writer() -> None:
        try:
            with transaction.atomic():
                Feedback.objects.create(appeal_id=made.pk, satisfied=False, reason="formal")
                rated.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert rated.wait(10)
    try:
        assert tallies_refresh().appeals == 1  # does not wait for the writer
    finally:
        release.set()
        thread.join(10)
    almaty = Agency.objects.get(code="akimat-kz-75").pk
    assert summed(None, AS_OF.date() + DAY)[almaty]["answered"] == 1
    assert summed(None, AS_OF.date() + DAY)[almaty]["dissatisfied"] == 0
    tallies_refresh()
    assert summed(None, AS_OF.date() + DAY)[almaty]["dissatisfied"] == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_a_rating_given_as_its_appeal_moves_is_counted_where_the_appeal_went() -> None:
    # Each trigger reads the other table as it is when it runs. Without the rating's lock
    # on its appeal, the rating's trigger would not see the move yet, the move's trigger
    # would not see the rating yet, and the rating would stay counted where the appeal was.
    made = appeal("akimat-kz-75")
    tallies_refresh()
    almaty, astana = (Agency.objects.get(code=code) for code in ("akimat-kz-75", "akimat-kz-71"))
    moved, release = threading.Event(), threading.Event()

    def mover() -> None:
        try:
            with transaction.atomic():
                Appeal.objects.filter(pk=made.pk).update(agency=astana)
                moved.set()
                release.wait(10)
        finally:
            connection.close()

    def rater() -> None:
        try:
            Feedback.objects.create(appeal_id=made.pk, satisfied=False, reason="formal")
        finally:
            connection.close()

    threads = [threading.Thread(target=mover), threading.Thread(target=rater)]
    threads[0].start()
    assert moved.wait(10)
    threads[1].start()
    try:
        wait_for(lambda: lock_waiters() == 1)  # the rating waits for the move to commit
    finally:
        release.set()
        for thread in threads:
            thread.join(10)
    tallies_refresh()
    counts = summed(None, AS_OF.date() + DAY)
    assert (counts[astana.pk]["received"], counts[astana.pk]["dissatisfied"]) == (1, 1)
    assert almaty.pk not in counts  # its rows went back to zero and were dropped
    after_both = tally_rows()
    tallies_refresh(rebuild=True)
    assert tally_rows() == after_both


def test_the_recompute_command_rebuilds_on_request(data: None) -> None:
    tallies_refresh()
    UnitTally.objects.filter(grain=Grain.DAY).update(received=999)  # damage the day rows
    call_command("recompute_rankings", "--rebuild", "--period", Period.ALL_TIME)
    assert not UnitTally.objects.filter(received=999).exists()
    assert RankingSnapshot.objects.filter(period=Period.ALL_TIME).count() == 2
