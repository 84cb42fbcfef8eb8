"""Build ranking snapshots and publish them atomically, and thin out old ones.

The periods' snapshots, their rows, category rows and problem maps are written in one
transaction, after the tallies are brought up to date in it: readers see the previous
complete snapshots until it commits, and a run that dies half-way leaves nothing. A lock
per period makes a second run at the same moment leave that period alone; a scheduled run
that finds nothing changed publishes nothing.
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
from django.db.models.functions import RowNumber, TruncDate, TruncHour
from django.utils import timezone

from agencies.models import Agency
from agencies.workdays import ALMATY
from ratings import sums
from ratings.arithmetic import UnitFigures, competition_ranks, rate_fields
from ratings.models import Period, RankingSnapshot, Scope, TallyState
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


def _current(spans: Sequence[PeriodSpan]) -> bool:
    """Whether the latest snapshots of these periods cover the same days by the same rules:
    with no change counted since, they show what a new run would."""
    rules = (METHODOLOGY_VERSION, settings.RANKINGS_MIN_CASES, map_min_cases())
    # The latest of each, by index, in one query.
    each = [
        RankingSnapshot.objects.filter(scope=scope, period=span.period).order_by("-as_of")[:1]
        for span in spans
        for scope in Scope
    ]
    latest = list(each[0].union(*each[1:], all=True))
    found = {
        (s.period, s.period_start, s.period_end, s.methodology_version, s.min_cases,
         s.map_min_cases)
        for s in latest
    }  # fmt: skip
    expected = {(span.period, span.start, span.end, *rules) for span in spans}
    return len(latest) == len(each) and found == expected


def periods_publish(
    spans: Sequence[PeriodSpan], as_of: datetime.datetime, *, if_changed: bool = False
) -> list[RankingSnapshot]:
    """Compute and publish the periods' snapshots together, in one transaction; a period
    another run is building, or has built for this moment, is left to it. `if_changed`:
    nothing, when no change was counted since the last run and its snapshots are current.

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
        refresh = tallies_refresh(mapping=mapping)
        if if_changed and not refresh.unpublished and _current(spans):
            return []
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
        if set(SCHEDULED_PERIODS) <= {span.period for span in spans}:
            # Under the tallies' lock to the commit: no refresh comes in between.
            TallyState.objects.filter(unpublished=True).update(unpublished=False)
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
    if_changed: bool = False,
) -> list[RankingSnapshot]:
    """Snapshots for each period, published together; with `if_changed`, none when nothing
    changed since the last run of the same day. Old ones are pruned by a task of their own
    (snapshots_prune), hourly: not by every run, which comes every minute."""
    # To the second: the moment the pages, the exports and the API show.
    as_of = (as_of or timezone.now()).replace(microsecond=0)
    today = as_of.astimezone(ALMATY).date()
    spans = [period_span(period, today, start, end) for period in periods]
    return periods_publish(spans, as_of, if_changed=if_changed)


def snapshots_prune(now: datetime.datetime) -> int:
    """Thin out old snapshots, and drop those past the retention; returns the rows deleted.

    Every snapshot of the last RANKINGS_KEEP_EVERY_MINUTES stays; before them, the last of
    each hour (in Asia/Almaty) of each scope and period, for RANKINGS_KEEP_HOURLY_DAYS;
    before that, the last of each day; past RANKINGS_RETENTION_DAYS, none but the latest of
    each scope and period. docs/rankings.md says how many rows that keeps.
    """
    every_after = now - datetime.timedelta(minutes=settings.RANKINGS_KEEP_EVERY_MINUTES)
    hourly_after = now - datetime.timedelta(days=settings.RANKINGS_KEEP_HOURLY_DAYS)
    cutoff = now - datetime.timedelta(days=settings.RANKINGS_RETENTION_DAYS)
    old_ids = {
        *_not_last_of(TruncHour("as_of", tzinfo=ALMATY), hourly_after, every_after),
        *_not_last_of(TruncDate("as_of", tzinfo=ALMATY), None, hourly_after),
        *RankingSnapshot.objects.filter(as_of__lt=cutoff).values_list("pk", flat=True),
    }
    latest = {
        RankingSnapshot.objects.filter(scope=scope, period=period)
        .order_by("-as_of")
        .values_list("pk", flat=True)
        .first()
        for scope in Scope
        for period in Period
    }
    deleted, _ = RankingSnapshot.objects.filter(pk__in=old_ids - latest).delete()
    return deleted


def _not_last_of(
    span_of_time: TruncHour | TruncDate, since: datetime.datetime | None, until: datetime.datetime
) -> list[int]:
    """The snapshots published in [since, until) that are not the last of their scope,
    period and span of time (an hour, a day) among them."""
    published = Q(as_of__lt=until) & (Q(as_of__gte=since) if since else Q())
    ranked = RankingSnapshot.objects.filter(published).annotate(
        later_in_span=Window(
            RowNumber(),
            partition_by=[
                F("scope"),
                F("period"),
                F("period_start"),
                F("period_end"),
                span_of_time,
            ],
            order_by=F("as_of").desc(),
        )
    )
    return list(ranked.filter(later_in_span__gt=1).values_list("pk", flat=True))


def latest_snapshot(scope: str, period: str) -> RankingSnapshot | None:
    return RankingSnapshot.objects.filter(scope=scope, period=period).order_by("-as_of").first()
