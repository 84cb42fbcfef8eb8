"""The published figures, counted in SQL (DESIGN §5).

For a ranked unit — a region's akimat with its subordinate local bodies, or a ministry
with its committees — and a period of receipt:

- received: appeals the unit is responsible for now (those it forwarded away count at
  their new agency, and here as forwarded_out);
- answered: answered, or closed with a termination notice; answer_rate =
  answered / (received − withdrawn);
- on_time_rate = answered by the deadline / answered; overdue_open: still open past the
  deadline at the snapshot's time;
- dissatisfaction_rate = dissatisfied / rated; median days from receipt to answer.

Each rate carries a 95 % Wilson interval. Units below the minimum number of cases are
shown but not ranked; equal rates share a rank.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db import connection

from agencies.models import Agency

METHODOLOGY_VERSION = "1"
Z95 = 1.959963984540054
OPEN = ("submitted", "registered", "in_progress")
CLOSED = ("answered", "terminated")


def wilson(successes: int, total: int) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of successes / total, or None when total is 0."""
    if total == 0:
        return None
    p = successes / total
    z2 = Z95 * Z95
    denominator = 1 + z2 / total
    centre = (p + z2 / (2 * total)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class UnitFigures:
    unit_id: int
    received: int = 0
    withdrawn: int = 0
    answered: int = 0
    answered_on_time: int = 0
    overdue_open: int = 0
    rated: int = 0
    dissatisfied: int = 0
    median_days_to_answer: float | None = None
    forwarded_out: int = 0
    forwarded_in: int = 0
    late_forwards: int = 0
    categories: dict[int, tuple[int, int, int]] = field(default_factory=dict)

    @property
    def answer_base(self) -> int:
        return self.received - self.withdrawn

    def answer_rate(self) -> Fraction | None:
        return Fraction(self.answered, self.answer_base) if self.answer_base else None

    def on_time_rate(self) -> Fraction | None:
        return Fraction(self.answered_on_time, self.answered) if self.answered else None

    def dissatisfaction_rate(self) -> Fraction | None:
        return Fraction(self.dissatisfied, self.rated) if self.rated else None


@dataclass(frozen=True)
class Window:
    """Appeals received from `start` (None: the beginning) up to before `end`."""

    start: datetime.datetime | None
    end: datetime.datetime
    as_of: datetime.datetime


def unit_map(kinds: tuple[str, ...] = ("akimat", "ministry")) -> dict[int, int]:
    """Each agency's ranked unit: the nearest ancestor (or itself) of a ranked kind."""
    agencies = dict(Agency.objects.values_list("pk", "parent_id"))
    kind_of = dict(Agency.objects.values_list("pk", "kind"))
    mapping: dict[int, int] = {}
    for agency_id in agencies:
        current: int | None = agency_id
        while current is not None and kind_of[current] not in kinds:
            current = agencies.get(current)
        if current is not None:
            mapping[agency_id] = current
    return mapping


_UNIT_MAP_SQL = "unit_map(agency_id, unit_id) AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[]))"
_PERIOD_SQL = "(%s::timestamptz IS NULL OR a.received_at >= %s) AND a.received_at < %s"


def _period_params(window: Window) -> list[Any]:
    return [window.start, window.start, window.end]


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def unit_figures(window: Window, mapping: dict[int, int]) -> dict[int, UnitFigures]:
    """Every unit's figures for the window: three aggregate queries."""
    map_params: list[Any] = [list(mapping), list(mapping.values())]
    figures: dict[int, UnitFigures] = defaultdict(lambda: UnitFigures(0))
    main = f"""
        WITH {_UNIT_MAP_SQL}
        SELECT m.unit_id,
               count(*),
               count(*) FILTER (WHERE a.status = 'withdrawn'),
               count(*) FILTER (WHERE a.status IN %s),
               count(*) FILTER (WHERE a.status IN %s AND a.answered_at <= a.due_at),
               count(*) FILTER (WHERE a.status IN %s AND a.due_at < %s),
               count(f.id),
               count(f.id) FILTER (WHERE NOT f.satisfied),
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY extract(epoch FROM a.answered_at - a.received_at) / 86400.0
               ) FILTER (WHERE a.status IN %s AND a.answered_at IS NOT NULL)
        FROM appeals_appeal a
        JOIN unit_map m ON m.agency_id = a.agency_id
        LEFT JOIN ratings_feedback f ON f.appeal_id = a.id
        WHERE {_PERIOD_SQL}
        GROUP BY m.unit_id
    """
    params = [*map_params, CLOSED, CLOSED, OPEN, window.as_of, CLOSED, *_period_params(window)]
    for row in _fetch(main, params):
        unit_id = int(row[0])
        received, withdrawn, answered, on_time, overdue, rated, dissatisfied = row[1:8]
        figures[unit_id] = UnitFigures(
            unit_id,
            received=received,
            withdrawn=withdrawn,
            answered=answered,
            answered_on_time=on_time,
            overdue_open=overdue,
            rated=rated,
            dissatisfied=dissatisfied,
            median_days_to_answer=None if row[8] is None else round(float(row[8]), 2),
        )

    forwards = f"""
        WITH {_UNIT_MAP_SQL},
        moves AS (
            SELECT e.appeal_id, fm.unit_id AS source, tm.unit_id AS target,
                   coalesce((e.data ->> 'late')::boolean, false) AS late
            FROM appeals_appealevent e
            JOIN appeals_appeal a ON a.id = e.appeal_id
            LEFT JOIN unit_map fm ON fm.agency_id = e.from_agency_id
            LEFT JOIN unit_map tm ON tm.agency_id = e.to_agency_id
            WHERE e.action = 'appeal.forwarded' AND {_PERIOD_SQL}
              AND fm.unit_id IS DISTINCT FROM tm.unit_id
        )
        SELECT 'out', source, count(DISTINCT appeal_id) FROM moves
            WHERE source IS NOT NULL GROUP BY source
        UNION ALL
        SELECT 'in', target, count(DISTINCT appeal_id) FROM moves
            WHERE target IS NOT NULL GROUP BY target
        UNION ALL
        SELECT 'late', source, count(DISTINCT appeal_id) FROM moves
            WHERE source IS NOT NULL AND late GROUP BY source
    """
    for kind, unit_id, count in _fetch(forwards, [*map_params, *_period_params(window)]):
        entry = figures[int(unit_id)]
        entry.unit_id = int(unit_id)
        name = {"out": "forwarded_out", "in": "forwarded_in", "late": "late_forwards"}[str(kind)]
        setattr(entry, name, int(count))

    categories = f"""
        WITH {_UNIT_MAP_SQL}
        SELECT m.unit_id, coalesce(c.parent_id, c.id), count(*), count(f.id),
               count(f.id) FILTER (WHERE NOT f.satisfied)
        FROM appeals_appeal a
        JOIN unit_map m ON m.agency_id = a.agency_id
        JOIN agencies_category c ON c.id = a.category_id
        LEFT JOIN ratings_feedback f ON f.appeal_id = a.id
        WHERE {_PERIOD_SQL}
        GROUP BY 1, 2
    """
    for unit_id, category_id, received, rated, dissatisfied in _fetch(
        categories, [*map_params, *_period_params(window)]
    ):
        figures[int(unit_id)].categories[int(category_id)] = (
            int(received),
            int(rated),
            int(dissatisfied),
        )
    return dict(figures)


def problem_map(window: Window) -> list[tuple[int, ...]]:
    """(region, top-level category, received, rated, dissatisfied) over every appeal."""
    sql = f"""
        SELECT a.region_id, coalesce(c.parent_id, c.id), count(*), count(f.id),
               count(f.id) FILTER (WHERE NOT f.satisfied)
        FROM appeals_appeal a
        JOIN agencies_category c ON c.id = a.category_id
        LEFT JOIN ratings_feedback f ON f.appeal_id = a.id
        WHERE {_PERIOD_SQL} AND a.region_id IS NOT NULL
        GROUP BY 1, 2
    """
    return [tuple(int(value) for value in row) for row in _fetch(sql, _period_params(window))]


def competition_ranks(scores: dict[int, Fraction], *, higher_is_better: bool) -> dict[int, int]:
    """1, 2, 2, 4 …: equal scores share a rank, and the next rank skips."""
    ordered = sorted(scores.items(), key=lambda item: item[1], reverse=higher_is_better)
    ranks: dict[int, int] = {}
    for position, (unit_id, score) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        same = previous is not None and previous[1] == score
        ranks[unit_id] = ranks[previous[0]] if same and previous else position
    return ranks
