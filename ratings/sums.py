"""Sums of the tally rows over a period's pieces (ratings.tallies.periods.cover): each
ranked unit's counts and median, the open appeals not yet due, and the snapshot's category
rows and problem map, which the server sums and writes in one statement each; and the
ranking rows built in Python, written in one statement."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import connection

from agencies.workdays import ALMATY
from appeals.models import Appeal
from ratings.arithmetic import TALLY_COUNTS, UnitFigures
from ratings.tallies.periods import Piece
from ratings.units import UNIT_MAP, unit_map_params

OPEN = tuple(status.value for status in Appeal.OPEN_STATUSES)
# Each unit's median of values known by whole-day bucket, from the answers' histogram in
# ratings_answerdays: [d, d + 1) holds n_d answers. Linear interpolation inside the bucket
# where the count reaches half the total: d + (total / 2 − below) / n_d. Summed here, so
# that only one row per unit comes back.
GROUPED_MEDIANS = """
    WITH histogram AS (
        SELECT t.unit_id, t.days, sum(t.sign * t.answers) AS answers
        FROM {rows}
        GROUP BY t.unit_id, t.days HAVING sum(t.sign * t.answers) > 0
    ),
    running AS (
        SELECT unit_id, days, answers,
               sum(answers) OVER (PARTITION BY unit_id ORDER BY days) - answers AS below,
               sum(answers) OVER (PARTITION BY unit_id) / 2.0 AS half
        FROM histogram
    )
    SELECT DISTINCT ON (unit_id) unit_id, days + (half - below) / answers
    FROM running WHERE below + answers >= half
    ORDER BY unit_id, days
"""


def _fetch(sql: str, params: Sequence[Any] | dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _rows_of(table: str, pieces: Sequence[Piece]) -> tuple[str, list[Any]]:
    """The tally rows of a period's pieces, as `t`, each with its piece's sign (t.sign),
    and the parameters. The bounds are constants: each piece is one range of the key."""
    selects: list[str] = []
    params: list[Any] = []
    for grain, low, high, sign in pieces:
        bounds = {"grain = %s": str(grain), "day >= %s": low, "day < %s": high}
        where = {condition: value for condition, value in bounds.items() if value is not None}
        selects.append(f"SELECT {int(sign)} AS sign, * FROM {table} WHERE {' AND '.join(where)}")
        params += where.values()
    union = " UNION ALL ".join(selects) or f"SELECT 0 AS sign, * FROM {table} WHERE false"
    return f"({union}) AS t", params


def unit_figures(pieces: Sequence[Piece]) -> dict[int, UnitFigures]:
    """Every unit's figures but overdue_open, from the tallies.

    The pieces (ratings.tallies.cover) are the period's spans at their coarsest grain.
    """
    rows, params = _rows_of("ratings_unittally", pieces)
    sql = f"""
        SELECT t.unit_id, {", ".join(f"sum(t.sign * t.{name})" for name in TALLY_COUNTS)}
        FROM {rows}
        GROUP BY t.unit_id
    """
    figures: dict[int, UnitFigures] = {}
    for unit_id, *sums in _fetch(sql, params):
        if not any(sums):  # its rows were all taken away again: nothing in the period
            continue
        unit = figures[unit_id] = UnitFigures(unit_id)
        for name, value in zip(TALLY_COUNTS, sums, strict=True):
            setattr(unit, name, int(value))
    rows, params = _rows_of("ratings_answerdays", pieces)
    for unit_id, median in _fetch(GROUPED_MEDIANS.format(rows=rows), params):
        if unit_id in figures:
            figures[unit_id].median_days_to_answer = round(float(median), 2)
    return figures


def category_rows_publish(snapshot_of_unit: dict[int, int], pieces: Sequence[Piece]) -> None:
    """The rows per unit and top-level category (ratings_categoryrow) of a period's
    snapshots, summed and written by the server in one statement: for each unit, in its
    scope's snapshot, the categories that received something."""
    rows, params = _rows_of("ratings_unittally", pieces)
    sql = f"""
        INSERT INTO ratings_categoryrow
            (snapshot_id, agency_id, category_id, received, rated, dissatisfied)
        SELECT s.snapshot_id, t.unit_id, t.category_id,
               sum(t.sign * t.received), sum(t.sign * t.rated), sum(t.sign * t.dissatisfied)
        FROM {rows}
        JOIN unnest(%s::bigint[], %s::bigint[]) AS s(unit_id, snapshot_id)
            ON s.unit_id = t.unit_id
        GROUP BY s.snapshot_id, t.unit_id, t.category_id HAVING sum(t.sign * t.received) > 0
    """
    units, snapshots = list(snapshot_of_unit), list(snapshot_of_unit.values())
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, units, snapshots])


def ranking_rows_publish(rows: Sequence[dict[str, Any]]) -> None:
    """A publication's ranking rows (columns of ratings_rankingrow, by name) in one
    statement: some hundreds of rows of some fifty numbers, each row's values quoted by the
    driver at once, with no model instance (docs/benchmarks.md)."""
    if not rows:
        return
    columns = list(rows[0])
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        values = b", ".join(cursor.mogrify(one, [row[c] for c in columns]) for row in rows)
        cursor.execute(
            f"INSERT INTO ratings_rankingrow ({', '.join(columns)}) VALUES {values.decode()}"
        )


def problem_cells_publish(snapshot_id: int, pieces: Sequence[Piece]) -> None:
    """The snapshot's problem map (ratings_problemcell) in one statement: per region and
    top-level category, every appeal's counts, of a ranked unit or not."""
    rows, params = _rows_of("ratings_maptally", pieces)
    sql = f"""
        INSERT INTO ratings_problemcell
            (snapshot_id, region_id, category_id, received, rated, dissatisfied)
        SELECT %s, t.region_id, t.category_id,
               sum(t.sign * t.received), sum(t.sign * t.rated), sum(t.sign * t.dissatisfied)
        FROM {rows}
        GROUP BY t.region_id, t.category_id HAVING sum(t.sign * t.received) > 0
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [snapshot_id, *params])


# Per period, each unit's open appeals received in it that are not yet due at a moment
# ({filters}: a FILTER per period): those due after that day, from the tally of the open
# appeals by due day, and those due later that day, counted live (a few at most: a deadline
# is the end of a day), from the partial index appeal_open_overdue_idx.
NOT_YET_DUE = f"""
    WITH {UNIT_MAP},
    not_yet_due AS (
        SELECT unit_id, day, open FROM ratings_duetally WHERE due_day > %(day)s
        UNION ALL
        SELECT m.unit_id, (a.received_at AT TIME ZONE 'Asia/Almaty')::date, 1
        FROM appeals_appeal a JOIN unit_map m ON m.agency_id = a.agency_id
        WHERE a.status IN %(open)s AND a.due_at >= %(as_of)s AND a.due_at < %(next_day)s
    )
    SELECT unit_id, {{filters}} FROM not_yet_due GROUP BY unit_id
"""


def not_yet_due(
    periods: Sequence[tuple[datetime.date | None, datetime.date]],
    as_of: datetime.datetime,
    mapping: dict[int, int],
) -> list[dict[int, int]]:
    """Per period of receipt days [start, end] (start None: the beginning), each unit's
    appeals received in it, open, and not yet past their deadline at `as_of`.

    A unit's overdue_open is its open appeals (UnitFigures.open) less these: both read
    from the tallies but for the appeals due later on the day of `as_of`, a few.
    """
    if not periods:
        return []
    day = as_of.astimezone(ALMATY).date()
    next_day = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=ALMATY
    )
    filters = ", ".join(
        f"coalesce(sum(open) FILTER (WHERE day <= %(end{index})s"
        + ("" if start is None else f" AND day >= %(start{index})s")
        + "), 0)"
        for index, (start, _) in enumerate(periods)
    )
    params: dict[str, Any] = {
        **unit_map_params(mapping), "open": OPEN, "day": day, "as_of": as_of,
        "next_day": next_day,
    }  # fmt: skip
    for index, (start, end) in enumerate(periods):
        params |= {f"start{index}": start, f"end{index}": end}
    counts: list[dict[int, int]] = [{} for _ in periods]
    for unit_id, *per_period in _fetch(NOT_YET_DUE.format(filters=filters), params):
        for index, count in enumerate(per_period):
            if count:
                counts[index][unit_id] = int(count)
    return counts
