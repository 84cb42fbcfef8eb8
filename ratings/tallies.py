"""Pre-aggregated tallies behind the rankings, kept up to date incrementally (issue 7).

A ranking reads sums of small tally rows instead of scanning ten years of appeals:

- `UnitTally`: per receipt day, ranked unit and top-level category, the counts of
  metrics.UnitFigures (forwards counted for the unit they left or reached);
- `MapTally`: per receipt day, region and top-level category, every appeal's counts for
  the problem map;
- `AnswerDays`: per receipt day and unit, how many answers took 0, 1, 2 … whole days, the
  histogram behind the grouped median;
- `DueTally`: per receipt day, unit and due day, the appeals still open, in day rows only:
  with UnitTally.open, the overdue ones at any moment (metrics.not_yet_due).

The first three keep four grains: day rows, and month, year and "all" rows holding the
same sums (all: of every day, one row per key). A period reads year rows for its whole
years, month rows for its whole months and day rows only at its edges (`cover`); "all
time" reads the all rows, less those of the days after it. So a period reads some
thousands of rows, not millions of appeals.

Incremental: the triggers of migrations 0004 and 0006 write every change as it is made,
as signed parts in `TallyDelta` (-1 for an appeal's part before, +1 after; a rating's
part on its own), and `tallies_refresh` sums them into the rows of every grain: it reads
nothing but the log. Forwards count each unit once however often an appeal left it, so
they are kept per forwarded appeal in `CountedForwards`; the appeals logged for them (a
forward written, a category changed) are counted again and the difference added. When
more than a tenth of the appeals are logged for their forwards (a bulk load), one pass
over all of them is cheaper, and it rebuilds everything instead.

The refresh holds an exclusive advisory lock to the end of the caller's transaction (a
period's publication), so two workers never add the same difference twice. When the
agency or category tree differs from the one the tallies were built with (a hash in
TallyState), it rebuilds everything: correctness never depends on someone remembering.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from agencies.models import Category
from ratings import metrics
from ratings.models import Grain, TallyState

LOCK = zlib.crc32(b"rankings:tallies")
# Counting an appeal's forwards again costs some ten times its share of a full rebuild:
# past a tenth of the appeals (and this many), rebuild.
REBUILD_ABOVE = 100_000
GRAINS = (Grain.DAY, Grain.MONTH, Grain.YEAR, Grain.ALL)
ALL_DAY = datetime.date.min  # the day of the rows of the grain "all"


@dataclass(frozen=True)
class Tally:
    keys: tuple[str, ...]  # the key columns after grain and day
    counts: tuple[str, ...]
    grains: tuple[Grain, ...] = GRAINS  # none: day rows only, and no grain column


TALLIES = {
    "ratings_unittally": Tally(("unit_id", "category_id"), metrics.TALLY_COUNTS),
    "ratings_maptally": Tally(("region_id", "category_id"), ("received", "rated", "dissatisfied")),
    "ratings_answerdays": Tally(("unit_id", "days"), ("answers",)),
    "ratings_duetally": Tally(("unit_id", "due_day"), ("open",), grains=()),
}
# The units each appeal was forwarded from (late or not) and to, of every appeal or of the
# logged ones ({events}: EVERY or LOGGED), kept in tally_forwards for COUNTED.
FORWARDS = f"""
    WITH {metrics.UNIT_MAP},
    moves AS (  -- a move within one unit is no forward of that unit
        SELECT e.appeal_id, fm.unit_id AS source, tm.unit_id AS target,
               coalesce((e.data ->> 'late')::boolean, false) AS late
        FROM {{events}}
        LEFT JOIN unit_map fm ON fm.agency_id = e.from_agency_id
        LEFT JOIN unit_map tm ON tm.agency_id = e.to_agency_id
        WHERE fm.unit_id IS DISTINCT FROM tm.unit_id
    )
    SELECT appeal_id,
           array_agg(DISTINCT source) FILTER (WHERE source IS NOT NULL) AS forwarded_from,
           array_agg(DISTINCT source) FILTER (WHERE source IS NOT NULL AND late) AS late_from,
           array_agg(DISTINCT target) FILTER (WHERE target IS NOT NULL) AS forwarded_to
    FROM moves GROUP BY appeal_id
"""  # noqa: S608 - constant fragments only

EVERY_FORWARD = "(SELECT * FROM appeals_appealevent WHERE action = 'appeal.forwarded') e"
# Each logged appeal's forwards looked up by index, appeal by appeal. As a join, the
# planner merges the logged ids with every forward in order of appeal id: the recent
# appeals come last, so it reads them all. (OFFSET 0 keeps the subquery per appeal.)
LOGGED_FORWARDS = (
    "tally_dirty d CROSS JOIN LATERAL (SELECT * FROM appeals_appealevent x"
    " WHERE x.appeal_id = d.appeal_id AND x.action = 'appeal.forwarded' OFFSET 0) e"
)

# The signed parts whose sums the tallies keep: an appeal's (received), a rating's (rated
# only), or its forwards' (the arrays). Grouped where they can be: the sign is a count.
SIGNED = """
    SELECT 0 AS sign, NULL::date AS day, NULL::bigint AS unit_id,
           NULL::bigint AS category_id, NULL::bigint AS region_id, false AS received,
           false AS withdrawn, false AS answered, false AS answered_on_time, false AS rated,
           false AS dissatisfied, NULL::int AS days, false AS open, NULL::date AS due_day,
           NULL::bigint[] AS forwarded_from, NULL::bigint[] AS late_from,
           NULL::bigint[] AS forwarded_to
    WITH NO DATA
"""
PART_KEYS = (
    "day, unit_id, category_id, region_id, received, withdrawn, answered, answered_on_time,"
    " rated, dissatisfied, days, open, due_day"
)
# Every appeal's part as it is now (a rebuild). The log of changes is emptied by the same
# statement, so that it leaves out exactly the changes this count sees.
EVERY_PART = f"""
    WITH {metrics.UNIT_MAP}, counted AS (DELETE FROM ratings_tallydelta)
    INSERT INTO tally_signed ({PART_KEYS}, sign)
    SELECT (a.received_at AT TIME ZONE 'Asia/Almaty')::date, m.unit_id,
           coalesce(c.parent_id, c.id), a.region_id, true, a.status = 'withdrawn',
           a.status IN ('answered', 'terminated'),
           coalesce(a.status IN ('answered', 'terminated') AND a.answered_at <= a.due_at, false),
           f.id IS NOT NULL, coalesce(NOT f.satisfied, false),
           CASE WHEN a.status IN ('answered', 'terminated') THEN
               floor(date_part('epoch', a.answered_at - a.received_at) / 86400)::int END,
           a.status IN %(open)s,
           CASE WHEN a.status IN %(open)s THEN (a.due_at AT TIME ZONE 'Asia/Almaty')::date END,
           count(*)
    FROM appeals_appeal a
    JOIN agencies_category c ON c.id = a.category_id
    LEFT JOIN unit_map m ON m.agency_id = a.agency_id
    LEFT JOIN ratings_feedback f ON f.appeal_id = a.id
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13
"""  # noqa: S608 - constant fragments only; every value is a bound parameter
# The changes the triggers wrote, taken from their log, by unit and top-level category
# (an appeal's part before and after often cancel out); returns the number of appeals
# changed, with those logged for their forwards (tally_dirty).
LOGGED_PARTS = f"""
    WITH {metrics.UNIT_MAP},
    taken AS (DELETE FROM ratings_tallydelta RETURNING *),
    signed AS (
        INSERT INTO tally_signed ({PART_KEYS}, sign)
        SELECT d.day, m.unit_id, coalesce(c.parent_id, c.id), d.region_id, d.received,
               d.withdrawn, d.answered, d.answered_on_time, d.rated, d.dissatisfied, d.days,
               d.open, d.due_day, sum(d.sign)
        FROM taken d
        JOIN agencies_category c ON c.id = d.category_id
        LEFT JOIN unit_map m ON m.agency_id = d.agency_id
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13
        HAVING sum(d.sign) <> 0
    )
    SELECT count(*) FROM (SELECT appeal_id FROM taken UNION SELECT appeal_id FROM tally_dirty) AS a
"""  # noqa: S608 - constant fragments only; every value is a bound parameter
# Forwards' parts in and out of ratings_countedforwards, signed: the ones counted now (of
# the appeals in tally_forwards), and the ones counted before (of those in tally_dirty).
FORWARD_PARTS = """
    INSERT INTO tally_signed (sign, day, category_id, received, withdrawn, answered,
        answered_on_time, rated, dissatisfied, open, forwarded_from, late_from, forwarded_to)
    SELECT {sign}, day, category_id, false, false, false, false, false, false, false,
           forwarded_from, late_from, forwarded_to
    FROM {rows}
"""
FORWARDS_NOW = f"""
    WITH counted AS (
        INSERT INTO ratings_countedforwards
            (appeal_id, day, category_id, forwarded_from, late_from, forwarded_to)
        SELECT a.id, (a.received_at AT TIME ZONE 'Asia/Almaty')::date,
               coalesce(c.parent_id, c.id), w.forwarded_from, w.late_from, w.forwarded_to
        FROM tally_forwards w
        JOIN appeals_appeal a ON a.id = w.appeal_id
        JOIN agencies_category c ON c.id = a.category_id
        RETURNING *
    )
    {FORWARD_PARTS.format(sign=1, rows="counted")}
"""  # noqa: S608 - constant fragments only
FORWARDS_BEFORE = f"""
    WITH gone AS (
        DELETE FROM ratings_countedforwards o USING tally_dirty d
        WHERE o.appeal_id = d.appeal_id RETURNING o.*
    )
    {FORWARD_PARTS.format(sign=-1, rows="gone")}
"""  # noqa: S608 - constant fragments only

# The day rows' changes from the signed parts in tally_signed.
DAY_CHANGES = {
    "ratings_unittally": """
        SELECT day, unit_id, category_id,
               sum(received) AS received, sum(withdrawn) AS withdrawn,
               sum(answered) AS answered, sum(answered_on_time) AS answered_on_time,
               sum(rated) AS rated, sum(dissatisfied) AS dissatisfied,
               sum(forwarded_out) AS forwarded_out, sum(forwarded_in) AS forwarded_in,
               sum(late_forwards) AS late_forwards, sum(open) AS open
        FROM (
            SELECT day, unit_id, category_id, sign * received::int AS received,
                   sign * withdrawn::int AS withdrawn, sign * answered::int AS answered,
                   sign * answered_on_time::int AS answered_on_time,
                   sign * rated::int AS rated, sign * dissatisfied::int AS dissatisfied,
                   0 AS forwarded_out, 0 AS forwarded_in, 0 AS late_forwards,
                   sign * open::int AS open
            FROM tally_signed s WHERE unit_id IS NOT NULL
            UNION ALL
            SELECT day, source, category_id, 0, 0, 0, 0, 0, 0,
                   sign, 0, sign * coalesce(source = ANY(late_from), false)::int, 0
            FROM tally_signed s, unnest(forwarded_from) AS source
            WHERE forwarded_from IS NOT NULL
            UNION ALL
            SELECT day, target, category_id, 0, 0, 0, 0, 0, 0, 0, sign, 0, 0
            FROM tally_signed s, unnest(forwarded_to) AS target
            WHERE forwarded_to IS NOT NULL
        ) AS parts
        GROUP BY day, unit_id, category_id
    """,
    "ratings_maptally": """
        SELECT day, region_id, category_id, sum(sign * received::int) AS received,
               sum(sign * rated::int) AS rated, sum(sign * dissatisfied::int) AS dissatisfied
        FROM tally_signed s WHERE region_id IS NOT NULL
        GROUP BY day, region_id, category_id
    """,
    "ratings_answerdays": """
        SELECT day, unit_id, days, sum(sign) AS answers
        FROM tally_signed s WHERE unit_id IS NOT NULL AND days IS NOT NULL
        GROUP BY day, unit_id, days
    """,
    "ratings_duetally": """
        SELECT day, unit_id, due_day, sum(sign) AS open
        FROM tally_signed s WHERE unit_id IS NOT NULL AND open
        GROUP BY day, unit_id, due_day
    """,
}


@dataclass(frozen=True)
class Refresh:
    rebuilt: bool  # everything was rebuilt
    appeals: int  # appeals counted again (a full rebuild: every one)


def category_tops() -> dict[int, int]:
    """Each category's top-level category (itself at the top), as the tallies count it."""
    return {pk: parent or pk for pk, parent in Category.objects.values_list("pk", "parent_id")}


def shape_of(mapping: dict[int, int], tops: dict[int, int]) -> str:
    """A hash of the unit map and the category tree: what the tallies' keys depend on."""
    payload = json.dumps([sorted(mapping.items()), sorted(tops.items())])
    return hashlib.sha256(payload.encode()).hexdigest()


def tallies_refresh(
    *,
    rebuild: bool = False,
    rebuild_above: int = REBUILD_ABOVE,
    mapping: dict[int, int] | None = None,
) -> Refresh:
    """Bring the tallies up to date; everything when asked, when the trees changed, or
    when more than `rebuild_above` and a tenth of the appeals are logged for their
    forwards. `mapping` is the unit map (metrics.unit_map), when the caller has it.

    The lock is held to the end of the outermost transaction: called inside a
    publication, no other refresh runs until it commits.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        mapping = mapping if mapping is not None else metrics.unit_map()
        shape = shape_of(mapping, category_tops())
        state = TallyState.objects.first()
        inputs = {"agencies": list(mapping), "units": list(mapping.values()), "open": metrics.OPEN}
        # The signed parts are summed in one pass however many there are; the forwards
        # are looked up appeal by appeal, and past a tenth of the appeals counted, one
        # pass over all of them is cheaper.
        threshold = int(max(rebuild_above, (state.appeals if state else 0) / 10))
        parts, forwards = _logged(cursor, threshold + 1)
        bulk = forwards > threshold
        if not (rebuild or bulk or state is None or state.shape != shape):
            changed = _count_again(cursor, inputs) if parts or forwards else 0
            return Refresh(rebuilt=False, appeals=changed)
        # Hashes of millions of groups stay in memory; compiling the plans (JIT) costs more
        # than it saves. A rollback undoes these too.
        cursor.execute("SET LOCAL work_mem = '256MB'; SET LOCAL jit = off")
        refresh = Refresh(rebuilt=True, appeals=_rebuild_everything(cursor, inputs))
        cursor.execute("SET LOCAL work_mem TO DEFAULT; SET LOCAL jit TO DEFAULT")
        TallyState.objects.all().delete()
        TallyState.objects.create(shape=shape, built_at=timezone.now(), appeals=refresh.appeals)
        return refresh


def _logged(cursor: CursorWrapper, bound: int) -> tuple[bool, int]:
    """Whether signed parts are logged, and how many appeals are logged for their forwards,
    counted no further than `bound`: a bulk load of millions is not counted one by one."""
    cursor.execute(
        "SELECT EXISTS (SELECT FROM ratings_tallydelta),"
        " (SELECT count(*) FROM (SELECT FROM ratings_dirtyappeal LIMIT %s) a)",
        [bound],
    )
    parts, forwards = cursor.fetchone()
    return bool(parts), int(forwards)


def _rebuild_everything(cursor: CursorWrapper, inputs: dict[str, Any]) -> int:
    """Count every appeal, rating and forward again; returns the number of appeals."""
    # The appeals logged for their forwards are counted by this pass; those of writers
    # still running stay (counting them again changes nothing).
    cursor.execute("DELETE FROM ratings_dirtyappeal")
    cursor.execute(f"TRUNCATE ratings_countedforwards, {', '.join(TALLIES)}")
    _temp(cursor, "tally_signed", SIGNED)
    cursor.execute(EVERY_PART, inputs)
    cursor.execute("SELECT coalesce(sum(sign), 0) FROM tally_signed")
    counted = int(cursor.fetchone()[0])
    _temp(cursor, "tally_forwards", FORWARDS.format(events=EVERY_FORWARD), inputs, analyze=True)
    cursor.execute(FORWARDS_NOW)
    for table in TALLIES:
        _add_changes(cursor, table, DAY_CHANGES[table], empty=True)
    cursor.execute(f"ANALYZE ratings_countedforwards, {', '.join(TALLIES)}")
    return counted


def _count_again(cursor: CursorWrapper, inputs: dict[str, Any]) -> int:
    """Add the logged changes to the tallies; returns the number of appeals changed."""
    # Compiling the plans (JIT) and starting parallel workers cost more than they save for
    # a few thousand rows. A rollback undoes this too.
    cursor.execute("SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0")
    _temp(cursor, "tally_dirty", "SELECT appeal_id FROM ratings_dirtyappeal WITH NO DATA")
    cursor.execute(
        "WITH taken AS (DELETE FROM ratings_dirtyappeal RETURNING appeal_id)"
        " INSERT INTO tally_dirty SELECT DISTINCT appeal_id FROM taken"
    )
    forwards = cursor.rowcount
    _temp(cursor, "tally_signed", SIGNED)
    cursor.execute(LOGGED_PARTS, inputs)
    changed = int(cursor.fetchone()[0])
    if forwards:
        cursor.execute("ANALYZE tally_dirty")  # so that the plans read a few appeals by index
        _temp(cursor, "tally_forwards", FORWARDS.format(events=LOGGED_FORWARDS), inputs)
        cursor.execute(FORWARDS_BEFORE)
        cursor.execute(FORWARDS_NOW)
    for table in TALLIES:
        _add_changes(cursor, table, DAY_CHANGES[table])
    cursor.execute("SET LOCAL jit TO DEFAULT; SET LOCAL max_parallel_workers_per_gather TO DEFAULT")
    return changed


def _add_changes(
    cursor: CursorWrapper, table: str, day_changes: str, *, empty: bool = False
) -> None:
    """Add the day rows' changes to the rows of every grain, in one statement; then drop
    the rows they left at zero. Into an `empty` table, the rows are only written.

    Rows go in in the order of their keys: a period's range of days is a range of the
    table's pages, and the index is read page after page.
    """
    tally = TALLIES[table]
    keys, counts = ", ".join(tally.keys), tally.counts
    if tally.grains:
        key = "grain, day"
        day = (
            f"g.grain, CASE g.grain WHEN '{Grain.ALL}' THEN DATE '{ALL_DAY}'"
            " ELSE date_trunc(g.grain, c.day::timestamp)::date END"
        )
        grains = "CROSS JOIN unnest(%(grains)s::text[]) AS g(grain)"
    else:  # day rows only, and no grain column
        key, day, grains = "day", "c.day", ""
    added = f"""
        INSERT INTO {table} AS t ({key}, {keys}, {", ".join(counts)})
        SELECT {day}, {keys}, {", ".join(f"sum({name}::int)" for name in counts)}
        FROM ({day_changes}) c {grains}
        GROUP BY {day}, {keys}
        HAVING {" OR ".join(f"sum({name}::int) <> 0" for name in counts)}
        ORDER BY {day}, {keys}
    """  # noqa: S608 - constant names only
    # Summed in integers: the sums of bigint are numeric, slower, and spilled the hash of
    # a refresh's changes to disk.
    params = {"grains": [grain.value for grain in tally.grains]}
    if empty:
        cursor.execute(added, params)
        return
    cursor.execute(
        f"""
        WITH added AS (
            {added}
            ON CONFLICT ({key}, {keys})
            DO UPDATE SET {", ".join(f"{name} = t.{name} + excluded.{name}" for name in counts)}
            RETURNING id, {" AND ".join(f"t.{name} = 0" for name in counts)} AS left_at_zero
        )
        SELECT array_agg(id) FILTER (WHERE left_at_zero) FROM added
        """,  # noqa: S608 - constant names only
        params,
    )
    left_at_zero = cursor.fetchone()[0]
    if left_at_zero:
        cursor.execute(f"DELETE FROM {table} WHERE id = ANY(%s)", [left_at_zero])  # noqa: S608


def _temp(
    cursor: CursorWrapper,
    name: str,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    analyze: bool = False,
) -> None:
    """A temporary table of the query's rows, gone at commit; with statistics when the
    plans that read it need more than its size (which the planner reads without them)."""
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    cursor.execute(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS {query}", params)
    if analyze:
        cursor.execute(f"ANALYZE {name}")


def truncate(day: datetime.date, grain: Grain) -> datetime.date:
    """The first day of the grain's span that holds `day`."""
    if grain == Grain.YEAR:
        return day.replace(month=1, day=1)
    if grain == Grain.MONTH:
        return day.replace(day=1)
    return day


def following(start: datetime.date, grain: Grain) -> datetime.date:
    """The first day of the next span of the grain."""
    if grain == Grain.YEAR:
        return start.replace(year=start.year + 1, month=1, day=1)
    if grain == Grain.MONTH:
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start + datetime.timedelta(days=1)


Piece = metrics.Piece
# What a piece costs to read, per year, month or day it spans: a day holds nearly as many
# tally rows as a month or a year (the keys repeat), but not quite.
COST = {Grain.YEAR: 1.0, Grain.MONTH: 1.0, Grain.DAY: 0.5}


def cover(
    start: datetime.date | None,
    end: datetime.date,
    grains: tuple[Grain, ...] = (Grain.YEAR, Grain.MONTH),
) -> list[Piece]:
    """[start, end) as signed pieces, each whole at its grain: the rows of the pieces, each
    counted with its sign, are exactly the rows of the days in [start, end). Start None is
    the beginning of time.

    Whole years and months inside are read as such. At an edge that cuts a year or a month,
    either what lies inside it is read, at the finer grains, or the whole year or month
    less what lies outside it, whichever costs less (COST): the year to date is this year
    less the rest of this month, plus this month's days so far. From the beginning, it is
    the rows of every day (the grain "all") less the days from `end` on: none yet, when
    the end is tomorrow.
    """
    if start is None:
        after = _cover(end, None, grains)
        return _merged([(Grain.ALL.value, None, None, 1), *_negated(after)])
    return _merged(_cover(start, end, grains))


def _cover(
    start: datetime.date, end: datetime.date | None, grains: tuple[Grain, ...]
) -> list[Piece]:
    """[start, end) as signed pieces; end None is the end of time."""
    if end is not None and start >= end:
        return []
    if not grains:
        return [(Grain.DAY.value, start, end, 1)]
    grain, finer = grains[0], grains[1:]
    if end is not None and truncate(start, grain) == truncate(end, grain):
        return _cheapest(  # within one year (month): what is inside, or all of it less the rest
            _cover(start, end, finer),
            _around(truncate(start, grain), grain, (start, end), finer),
        )
    low = truncate(start, grain)
    left: list[Piece] = []
    if low != start:
        low = following(truncate(start, grain), grain)
        left = _cheapest(
            _cover(start, low, finer), _around(truncate(start, grain), grain, (start, low), finer)
        )
    if end is None:  # every year (month) after
        return [*left, (grain, low, None, 1)]
    high = truncate(end, grain)
    whole: list[Piece] = [(grain, low, high, 1)] if low < high else []
    right: list[Piece] = []
    if high != end:
        right = _cheapest(_cover(high, end, finer), _around(high, grain, (high, end), finer))
    return [*left, *whole, *right]


def _around(
    first: datetime.date,
    grain: Grain,
    inside: tuple[datetime.date, datetime.date],
    finer: tuple[Grain, ...],
) -> list[Piece]:
    """The whole span of the grain from `first`, less what lies outside the part inside."""
    after = following(first, grain)
    low, high = inside
    outside = [*_cover(first, low, finer), *_cover(high, after, finer)]
    return [(grain, first, after, 1), *_negated(outside)]


def _negated(pieces: list[Piece]) -> list[Piece]:
    return [(grain, low, high, -sign) for grain, low, high, sign in pieces]


def _cheapest(*choices: list[Piece]) -> list[Piece]:
    return min(choices, key=lambda pieces: sum(_cost(piece) for piece in pieces))


def _cost(piece: Piece) -> float:
    grain, low, high, _ = piece
    if low is None or high is None:
        return COST[Grain(grain)]
    if grain == Grain.DAY:
        spans = (high - low).days
    elif grain == Grain.MONTH:
        spans = (high.year - low.year) * 12 + high.month - low.month
    else:
        spans = high.year - low.year
    return spans * COST[Grain(grain)]


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Pieces of one grain and sign that meet, as one: one range of the table's key."""
    merged: list[Piece] = []
    for piece in sorted(pieces, key=lambda p: (p[0], p[3], p[1] or datetime.date.min)):
        if merged:
            grain, low, high, sign = merged[-1]
            if (grain, sign, high) == (piece[0], piece[3], piece[1]):
                merged[-1] = (grain, low, piece[2], sign)
                continue
        merged.append(piece)
    return merged
