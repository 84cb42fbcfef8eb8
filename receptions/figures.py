"""The published figures of meetings: a snapshot per period, by meeting day in Asia/Almaty,
with the counts of each body, region and official, summed in SQL one level at a time and
written with the snapshot in one transaction, after the check on "resolved". Rates are
derived on read (receptions/figures_rows.py). Definitions: docs/receptions.md."""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from agencies.workdays import ALMATY
from appeals.models import Appeal
from core.rates import competition_ranks
from receptions.models import FigureLevel, FigurePeriod, ReceptionFigure, ReceptionSnapshot
from receptions.reopened import last_run, reopened_mark

SCHEDULED_PERIODS = (FigurePeriod.LAST_365_DAYS, FigurePeriod.YEAR_TO_DATE, FigurePeriod.ALL_TIME)
# The counts of a figures row, in the order of the SQL's columns.
FIGURE_COUNTS = (
    "meetings_planned", "meetings_held", "meetings_not_held", "questions", "resolved",
    "explained", "control", "control_closed", "control_on_time", "forwarded", "reopened",
    "rated", "dissatisfied",
)  # fmt: skip
# Each level's key: the columns it groups by, and the row's fields they fill.
LEVEL_KEYS: dict[str, tuple[str, ...]] = {
    FigureLevel.BODY: ("m.agency_id",),
    FigureLevel.REGION: ("m.region_id",),
    FigureLevel.OFFICIAL: ("m.agency_id", "m.official_name"),
}
LEVEL_FIELDS: dict[str, tuple[str, ...]] = {
    FigureLevel.BODY: ("agency_id",),
    FigureLevel.REGION: ("region_id",),
    FigureLevel.OFFICIAL: ("agency_id", "official_name"),
}
BEGINNING = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
# Each meeting's questions of the period, counted by outcome; then summed per level. The
# meetings of the period are read by meeting_starts_idx, their questions by
# question_meeting_idx.
FIGURES = """
    WITH per_meeting AS (
        SELECT q.meeting_id,
            count(*) AS questions,
            count(*) FILTER (WHERE q.outcome = 'resolved') AS resolved,
            count(*) FILTER (WHERE q.outcome = 'explained') AS explained,
            count(*) FILTER (WHERE q.outcome = 'control') AS control,
            count(*) FILTER (WHERE q.outcome = 'control' AND a.status IN %(closed)s)
                AS control_closed,
            count(*) FILTER (WHERE q.outcome = 'control' AND a.status IN %(closed)s
                             AND a.answered_at <= a.due_at) AS control_on_time,
            count(*) FILTER (WHERE q.outcome = 'forwarded') AS forwarded,
            count(*) FILTER (WHERE q.outcome = 'resolved' AND q.reopened_by_id IS NOT NULL)
                AS reopened,
            count(f.id) AS rated,
            count(*) FILTER (WHERE NOT f.satisfied) AS dissatisfied
        FROM receptions_meeting m
        JOIN receptions_question q ON q.meeting_id = m.id
        LEFT JOIN appeals_appeal a ON a.id = q.appeal_id
        LEFT JOIN receptions_questionfeedback f ON f.question_id = q.id
        WHERE m.starts_at >= %(start)s AND m.starts_at < %(end)s
        GROUP BY q.meeting_id
    )
    SELECT {keys}, {post},
        count(*), count(*) FILTER (WHERE m.status = 'held'),
        count(*) FILTER (WHERE m.status = 'not_held'),
        {sums}
    FROM receptions_meeting m LEFT JOIN per_meeting p ON p.meeting_id = m.id
    WHERE m.starts_at >= %(start)s AND m.starts_at < %(end)s
    GROUP BY {keys}
"""
# The official's post as of his latest meeting of the period.
LATEST_POST = "(array_agg(m.official_post ORDER BY m.starts_at DESC))[1]"


@dataclass(frozen=True)
class FigureSpan:
    period: str
    start: datetime.date | None  # inclusive; None: from the beginning
    end: datetime.date  # inclusive


def figure_span(
    period: str,
    today: datetime.date,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> FigureSpan:
    """The days a period covers, up to `today`; CUSTOM takes explicit dates."""
    if period == FigurePeriod.LAST_365_DAYS:
        return FigureSpan(period, today - datetime.timedelta(days=364), today)
    if period == FigurePeriod.YEAR_TO_DATE:
        return FigureSpan(period, today.replace(month=1, day=1), today)
    if period == FigurePeriod.ALL_TIME:
        return FigureSpan(period, None, today)
    if period == FigurePeriod.CUSTOM and start and end and start <= end:
        return FigureSpan(period, start, end)
    raise ValueError(f"Not a period: {period} {start}..{end}")


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ALMATY)


def level_counts(span: FigureSpan, level: str) -> list[dict[str, Any]]:
    """Each key's counts at one level, in one statement."""
    keys, fields = LEVEL_KEYS[level], (*LEVEL_FIELDS[level], "official_post")
    post = LATEST_POST if level == FigureLevel.OFFICIAL else "''"
    sums = ", ".join(f"coalesce(sum(p.{name}), 0)" for name in FIGURE_COUNTS[3:])
    sql = FIGURES.format(keys=", ".join(keys), post=post, sums=sums)
    params: dict[str, Any] = {
        "closed": tuple(status.value for status in Appeal.CLOSED_STATUSES),
        "start": _midnight(span.start) if span.start else BEGINNING,
        "end": _midnight(span.end + datetime.timedelta(days=1)),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    return [
        dict(zip(fields, row[: len(fields)], strict=True))
        | {name: int(value) for name, value in zip(FIGURE_COUNTS, row[len(fields) :], strict=True)}
        for row in found
    ]


def ranked(rows: list[dict[str, Any]], min_cases: int) -> list[dict[str, Any]]:
    """Ranks by the share resolved and not reopened, among rows of at least `min_cases`
    questions; equal shares (as exact fractions) share a place."""
    scores = {
        index: Fraction(row["resolved"] - row["reopened"], row["questions"])
        for index, row in enumerate(rows)
        if row["questions"] >= max(min_cases, 1)
    }
    ranks = competition_ranks(scores, higher_is_better=True)
    return [row | {"rank": ranks.get(index)} for index, row in enumerate(rows)]


def _locked(span: FigureSpan) -> bool:
    key = zlib.crc32(f"receptions:figures:{span.period}:{span.start}:{span.end}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])
        return bool(cursor.fetchone()[0])


def _snapshot_publish(span: FigureSpan, as_of: datetime.datetime) -> ReceptionSnapshot:
    snapshot = ReceptionSnapshot.objects.create(
        period=span.period, period_start=span.start, period_end=span.end, as_of=as_of,
        min_cases=settings.RECEPTIONS_MIN_CASES, reopen_days=settings.RECEPTIONS_REOPEN_DAYS,
    )  # fmt: skip
    figures = [
        ReceptionFigure(snapshot=snapshot, level=level, **row)
        for level in FigureLevel
        for row in ranked(level_counts(span, level), snapshot.min_cases)
    ]
    ReceptionFigure.objects.bulk_create(figures, batch_size=2000)
    return snapshot


def figures_publish(
    spans: Sequence[FigureSpan], as_of: datetime.datetime
) -> list[ReceptionSnapshot]:
    """Check "resolved" against the appeals, then publish a snapshot of each period, all in
    one transaction; a period another run is building is left to it."""
    with transaction.atomic():
        spans = [span for span in spans if _locked(span)]
        if not spans:
            return []
        reopened_mark(since=last_run())
        return [_snapshot_publish(span, as_of) for span in spans]


def figures_recompute(
    *,
    periods: Sequence[str] = SCHEDULED_PERIODS,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    as_of: datetime.datetime | None = None,
) -> list[ReceptionSnapshot]:
    """Snapshots of the periods as of now (or `as_of`); CUSTOM takes `start` and `end`."""
    as_of = as_of or timezone.now()
    today = as_of.astimezone(ALMATY).date()
    return figures_publish([figure_span(p, today, start, end) for p in periods], as_of)


def figures_prune(now: datetime.datetime) -> int:
    """Thin out scheduled snapshots as the rankings' are: all of the last
    RANKINGS_KEEP_EVERY_DAYS, then the last of each day, none past RANKINGS_RETENTION_DAYS
    but the latest of each period. Custom snapshots, made by hand, stay."""
    cutoff = now - datetime.timedelta(days=settings.RANKINGS_RETENTION_DAYS)
    thin_before = now - datetime.timedelta(days=settings.RANKINGS_KEEP_EVERY_DAYS)
    scheduled = ReceptionSnapshot.objects.exclude(period=FigurePeriod.CUSTOM)
    latest = {latest_figures(period) for period in SCHEDULED_PERIODS}
    ranked_by_day = scheduled.filter(as_of__lt=thin_before).annotate(
        later_that_day=Window(
            RowNumber(),
            partition_by=[F("period"), TruncDate("as_of", tzinfo=ALMATY)],
            order_by=F("as_of").desc(),
        )
    )
    old = ranked_by_day.filter(Q(later_that_day__gt=1) | Q(as_of__lt=cutoff))
    keep = [snapshot.pk for snapshot in latest if snapshot]
    old_ids = list(old.exclude(pk__in=keep).values_list("pk", flat=True))
    deleted, _ = ReceptionSnapshot.objects.filter(pk__in=old_ids).delete()
    return deleted


def latest_figures(period: str) -> ReceptionSnapshot | None:
    """The latest snapshot of a period (reception_snapshot_latest_idx)."""
    return ReceptionSnapshot.objects.filter(period=period).order_by("-as_of").first()
