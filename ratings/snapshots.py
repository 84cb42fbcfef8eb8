"""Build ranking snapshots and publish them atomically, and thin out old ones.

The periods' snapshots, their rows, category rows and problem maps are written in one
transaction, after the tallies are brought up to date in it: readers see the previous
complete snapshots until it commits, and a run that dies half-way leaves nothing. A lock
per period makes a second run at the same moment leave that period alone.
"""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from agencies.models import Agency
from agencies.workdays import ALMATY
from ratings import sums
from ratings.arithmetic import UnitFigures, competition_ranks, rate_fields
from ratings.models import Period, RankingSnapshot, Scope
from ratings.problem_map import map_min_cases
from ratings.tallies.periods import Piece, cover
from ratings.tallies.refresh import tallies_refresh
from ratings.units import unit_map

# 2: the grouped median (from whole-day buckets); 3: terminations, complaints, overturned
# answers, formal replies and forwards sent back, each counted apart; 4: answers sent over
# a warning of the check against formal replies (docs/rankings.md).
METHODOLOGY_VERSION = "4"
# The counts a ranking row publishes as they are summed.
PUBLISHED_COUNTS = (
    "received", "forwarded_out", "forwarded_in", "late_forwards", "returned_forwards",
    "withdrawn", "answered", "terminated", "answered_on_time", "overdue_open", "complained",
    "overturned", "rated", "dissatisfied", "formal", "median_days_to_answer", "warned",
)  # fmt: skip

SCHEDULED_PERIODS = (
    Period.LAST_30_DAYS,
    Period.LAST_365_DAYS,
    Period.YEAR_TO_DATE,
    Period.ALL_TIME,
)
SCOPE_KINDS = {Scope.AKIMATS: Agency.Kind.AKIMAT, Scope.MINISTRIES: Agency.Kind.MINISTRY}


@dataclass(frozen=True)
class PeriodSpan:
    period: str
    start: datetime.date | None  # inclusive; None: from the beginning
    end: datetime.date  # inclusive

    def pieces(self) -> Sequence[Piece]:
        """The period as signed spans of tally rows (ratings.tallies.periods.cover)."""
        return cover(self.start, self.end + datetime.timedelta(days=1))


def period_span(
    period: str,
    today: datetime.date,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> PeriodSpan:
    if period == Period.LAST_30_DAYS:
        return PeriodSpan(period, today - datetime.timedelta(days=29), today)
    if period == Period.LAST_365_DAYS:
        return PeriodSpan(period, today - datetime.timedelta(days=364), today)
    if period == Period.YEAR_TO_DATE:
        return PeriodSpan(period, today.replace(month=1, day=1), today)
    if period == Period.ALL_TIME:
        return PeriodSpan(period, None, today)
    if period == Period.CUSTOM and start and end and start <= end:
        return PeriodSpan(period, start, end)
    raise ValueError(f"Not a period: {period} {start}..{end}")


def _rows(
    snapshot: RankingSnapshot, units: list[int], figures: dict[int, UnitFigures]
) -> list[dict[str, object]]:
    """The snapshot's ranking rows, by column (ratings_rankingrow)."""
    minimum = snapshot.min_cases
    empty = UnitFigures(0)
    answer_scores: dict[int, Fraction] = {}
    dissatisfaction_scores: dict[int, Fraction] = {}
    for unit_id in units:
        unit = figures.get(unit_id, empty)
        answer_rate, dissatisfaction_rate = unit.answer_rate(), unit.dissatisfaction_rate()
        if unit.answer_base >= minimum and answer_rate is not None:
            answer_scores[unit_id] = answer_rate
        if unit.rated >= minimum and dissatisfaction_rate is not None:
            dissatisfaction_scores[unit_id] = dissatisfaction_rate
    answer_ranks = competition_ranks(answer_scores, higher_is_better=True)
    dissatisfaction_ranks = competition_ranks(dissatisfaction_scores, higher_is_better=False)
    rows: list[dict[str, object]] = []
    for unit_id in units:
        unit = figures.get(unit_id, empty)
        row: dict[str, object] = {
            "snapshot_id": snapshot.pk,
            "agency_id": unit_id,
            "answer_rank": answer_ranks.get(unit_id),
            "dissatisfaction_rank": dissatisfaction_ranks.get(unit_id),
        }
        row |= {name: getattr(unit, name) for name in PUBLISHED_COUNTS}
        for name, (successes, total) in unit.rates().items():
            row |= rate_fields(name, successes, total)
        rows.append(row)
    return rows


# Each body of a ranked kind: its kind, and whether it is active (_ranked_bodies).
RankedBodies = dict[int, tuple[str, bool]]


def _ranked_bodies() -> RankedBodies:
    """Read once per publication: some dozens of bodies, for every period and scope."""
    bodies = Agency.objects.filter(kind__in=SCOPE_KINDS.values())
    return {
        pk: (kind, active) for pk, kind, active in bodies.values_list("pk", "kind", "is_active")
    }


def _ranked_units(scope: str, figures: dict[int, UnitFigures], bodies: RankedBodies) -> list[int]:
    """Active bodies of the scope's kind, and abolished ones that still have appeals."""
    kind = SCOPE_KINDS[Scope(scope)]
    return sorted(
        pk
        for pk, (of_kind, active) in bodies.items()
        if of_kind == kind and (active or pk in figures)
    )


def _locked(span: PeriodSpan) -> bool:
    key = zlib.crc32(f"rankings:{span.period}:{span.start}:{span.end}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])
        return bool(cursor.fetchone()[0])


def _already_built(span: PeriodSpan, as_of: datetime.datetime) -> bool:
    """A run that waited for another one of the same moment has nothing left to do."""
    return RankingSnapshot.objects.filter(
        period=span.period, period_start=span.start, period_end=span.end, as_of__gte=as_of
    ).exists()


def snapshot_period(span: PeriodSpan, as_of: datetime.datetime) -> list[RankingSnapshot]:
    """Compute and publish one period's snapshots; [] when another run is building them."""
    return periods_publish([span], as_of)


def periods_publish(spans: Sequence[PeriodSpan], as_of: datetime.datetime) -> list[RankingSnapshot]:
    """Compute and publish the periods' snapshots together, in one transaction; a period
    another run is building, or has built for this moment, is left to it.

    The ranking rows (a few dozen per snapshot, with ranks and intervals) are built here;
    the category rows and the problem maps, the bulk of a snapshot, are summed and written
    by the server.
    """
    with transaction.atomic():
        spans = [span for span in spans if _locked(span) and not _already_built(span, as_of)]
        if not spans:
            return []
        with connection.cursor() as cursor:
            # Derived data: a crash in the instant after commit loses these snapshots and
            # their refresh together, and the next run makes them again. No wait for disk.
            cursor.execute("SET LOCAL synchronous_commit = off")
        mapping = unit_map()
        tallies_refresh(mapping=mapping)
        with connection.cursor() as cursor:
            # Each period's sums read some thousands of tally rows: starting parallel
            # workers for them costs more than it saves.
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        not_yet_due_of = sums.not_yet_due([(s.start, s.end) for s in spans], as_of, mapping)
        bodies = _ranked_bodies()
        published: list[RankingSnapshot] = []
        rows: list[dict[str, object]] = []
        for span, not_yet_due in zip(spans, not_yet_due_of, strict=True):
            snapshots, period_rows = _period_publish(span, as_of, not_yet_due, bodies)
            published += snapshots
            rows += period_rows
        sums.ranking_rows_publish(rows)
    return published


def _period_publish(
    span: PeriodSpan, as_of: datetime.datetime, not_yet_due: dict[int, int], bodies: RankedBodies
) -> tuple[list[RankingSnapshot], list[dict[str, object]]]:
    """One period's two snapshots, with their category rows and problem map; their
    ranking rows are returned, to be written with the other periods' in one statement.

    Each period's figures are summed on their own: that reads some rows twice (this
    year's, in "all time" and in "year to date"), but costs less than joining every row
    to the periods that hold it (docs/benchmarks.md)."""
    pieces = span.pieces()
    figures = sums.unit_figures(pieces)
    for unit in figures.values():
        # Never below zero: an appeal due later today and written in the instant between
        # the refresh and the live count is not yet in the tallies' open ones.
        unit.overdue_open = max(0, unit.open - not_yet_due.get(unit.unit_id, 0))
    snapshots: dict[Scope, RankingSnapshot] = {}
    snapshot_of_unit: dict[int, int] = {}
    rows: list[dict[str, object]] = []
    for scope in Scope:
        snapshot = snapshots[scope] = RankingSnapshot.objects.create(
            scope=scope,
            period=span.period,
            period_start=span.start,
            period_end=span.end,
            as_of=as_of,
            methodology_version=METHODOLOGY_VERSION,
            min_cases=settings.RANKINGS_MIN_CASES,
            map_min_cases=map_min_cases(),
        )
        units = _ranked_units(scope, figures, bodies)
        rows += _rows(snapshot, units, figures)
        snapshot_of_unit.update(dict.fromkeys(units, snapshot.pk))
    sums.category_rows_publish(snapshot_of_unit, pieces)
    # The map covers every appeal; kept once per period, with the akimats.
    sums.problem_cells_publish(snapshots[Scope.AKIMATS].pk, pieces)
    return list(snapshots.values()), rows


def rankings_recompute(
    *,
    periods: tuple[str, ...] = SCHEDULED_PERIODS,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    as_of: datetime.datetime | None = None,
) -> list[RankingSnapshot]:
    """Snapshots for each period, published together. Old ones are pruned by a task of
    their own (snapshots_prune), hourly: not by every run, which comes every few minutes."""
    as_of = as_of or timezone.now()
    today = as_of.astimezone(ALMATY).date()
    spans = [period_span(period, today, start, end) for period in periods]
    return periods_publish(spans, as_of)


def snapshots_prune(now: datetime.datetime) -> int:
    """Thin out old snapshots, and drop those past the retention; returns the rows deleted.

    Every snapshot of the last RANKINGS_KEEP_EVERY_DAYS stays; before them, the last of
    each day (in Asia/Almaty) of each scope and period; past RANKINGS_RETENTION_DAYS, none
    but the latest of each scope and period. A recompute every ten minutes publishes 144
    of each a day, with some 600,000 category rows and map cells: kept two years, they
    would be some 440 million rows, where a snapshot a day keeps two million.
    """
    cutoff = now - datetime.timedelta(days=settings.RANKINGS_RETENTION_DAYS)
    thin_before = now - datetime.timedelta(days=settings.RANKINGS_KEEP_EVERY_DAYS)
    latest = {
        RankingSnapshot.objects.filter(scope=scope, period=period)
        .order_by("-as_of")
        .values_list("pk", flat=True)
        .first()
        for scope in Scope
        for period in Period
    }
    same_day = [F("scope"), F("period"), F("period_start"), F("period_end")]
    ranked = RankingSnapshot.objects.filter(as_of__lt=thin_before).annotate(
        later_that_day=Window(
            RowNumber(),
            partition_by=[*same_day, TruncDate("as_of", tzinfo=ALMATY)],
            order_by=F("as_of").desc(),
        )
    )
    old = ranked.filter(Q(later_that_day__gt=1) | Q(as_of__lt=cutoff))
    old_ids = old.exclude(pk__in=latest - {None}).values_list("pk", flat=True)
    deleted, _ = RankingSnapshot.objects.filter(pk__in=list(old_ids)).delete()
    return deleted


def latest_snapshot(scope: str, period: str) -> RankingSnapshot | None:
    return RankingSnapshot.objects.filter(scope=scope, period=period).order_by("-as_of").first()
