"""An independent count of what the tallies should hold, appeal by appeal, and what the
rankings published: the tallies' tests compare the two."""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from typing import Any

from agencies.models import Agency
from agencies.workdays import ALMATY
from appeals.models import Appeal, AppealEvent, Feedback
from ratings import sums
from ratings.arithmetic import TALLY_COUNTS
from ratings.models import (
    AnswerDays,
    CategoryRow,
    CountedForwards,
    MapTally,
    ProblemCell,
    RankingRow,
    RankingSnapshot,
    UnitTally,
)
from ratings.snapshots import SCHEDULED_PERIODS, period_span, rankings_recompute
from ratings.tallies import periods
from ratings.units import unit_map
from tests.ratings.dataset import DAY, appeal

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
    """Appeals over three years, some rated (a formal reply or not), some complained about
    and overturned, some sent over a warning, some forwarded once or twice, late or not, sent
    back or not."""
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
        complained = rng.random() < 0.3
        Appeal.objects.filter(pk=made_appeal.pk).update(
            complained=complained, overturned=complained and rng.random() < 0.5,
            answer_warned=rng.random() < 0.2,
        )  # fmt: skip
        Feedback.objects.filter(appeal=made_appeal, satisfied=False).update(
            reason=rng.choice(["formal", "not_solved"])
        )
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
            data = {"late": rng.random() < 0.5, "returned": rng.random() < 0.3}
            AppealEvent.objects.create(
                appeal=made_appeal, action="appeal.forwarded",
                created_at=made_appeal.received_at,
                from_agency=Agency.objects.get(code=rng.choice(CODES)),
                to_agency=Agency.objects.get(code=rng.choice(CODES)),
                data=data if rng.random() < 0.8 else {},
            )  # fmt: skip
        made_appeal.refresh_from_db()
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
            for name, value in appeal_counts(item, feedback).items():
                counts[unit][name] += value
        sources: dict[int, tuple[bool, bool]] = {}
        targets: set[int] = set()
        for event in AppealEvent.objects.filter(appeal=item, action="appeal.forwarded"):
            source = mapping.get(event.from_agency_id or 0)
            target = mapping.get(event.to_agency_id or 0)
            if source == target:
                continue
            if source is not None:
                late, returned = sources.get(source, (False, False))
                sources[source] = (
                    late or bool(event.data.get("late")),
                    returned or bool(event.data.get("returned")),
                )
            if target is not None:
                targets.add(target)
        for source, (late, returned) in sources.items():
            counts[source]["forwarded_out"] += 1
            counts[source]["late_forwards"] += late
            counts[source]["returned_forwards"] += returned
        for target in targets:
            counts[target]["forwarded_in"] += 1
    return dict(counts)


def appeal_counts(item: Appeal, feedback: Feedback | None) -> dict[str, int]:
    """What one appeal adds to its unit's counts, by methodology 4 (docs/rankings.md)."""
    closed, is_open = item.status in CLOSED, item.status in Appeal.OPEN_STATUSES
    kept = item.status != "withdrawn"  # complaints about withdrawn appeals are left out
    return {
        "received": 1,
        "withdrawn": item.status == "withdrawn",
        "answered": item.status == "answered",
        "terminated": item.status == "terminated",
        "answered_on_time": bool(closed and item.answered_at and item.answered_at <= item.due_at),
        "complained": item.complained and kept,
        "complained_open": item.complained and is_open,
        "overturned": item.overturned and kept,
        "rated": feedback is not None,
        "dissatisfied": bool(feedback and not feedback.satisfied),
        "formal": bool(feedback and feedback.reason == "formal"),
        "open": is_open,
        "warned": item.answer_warned and item.status == "answered",
    }


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
