"""Pre-aggregated tallies behind the rankings, kept up to date incrementally (issue 7).

A ranking reads sums of small tally rows instead of scanning ten years of appeals:

- `UnitTally`: per receipt day, ranked unit and top-level category, the counts of
  metrics.UnitFigures (forwards counted for the unit they left or reached);
- `MapTally`: per receipt day, region and top-level category, every appeal's counts for
  the problem map;
- `AnswerDays`: per receipt day and unit, how many answers took 0, 1, 2 … whole days, the
  histogram behind the grouped median.

Each keeps three grains: day rows, and month and year rows holding the same sums. A period
reads year rows for its whole years, month rows for its whole months and day rows only at
its edges (`cover`), so "all time" reads some thousands of rows, not millions of appeals.

Incremental: `CountedAppeal` keeps each appeal's part of the sums as last counted. The
triggers of migration 0003 log the id of every appeal inserted or changed, rated, or
forwarded; `tallies_refresh` counts those appeals again, and adds the difference between
the new and the old parts to the rows of every grain. Its cost follows the number of
appeals that changed, not the number of appeals received on the days they belong to.
When more than a tenth of the appeals changed (a bulk load), one pass over all of them
is cheaper, and it rebuilds everything instead.

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
# Counting an appeal again costs some ten times its share of a full rebuild: past a tenth
# of the appeals (and this many), rebuild.
REBUILD_ABOVE = 100_000
GRAINS = (Grain.DAY, Grain.MONTH, Grain.YEAR)
TALLIES = {  # table: (key columns after grain and day, count columns)
    "ratings_unittally": (("unit_id", "category_id"), metrics.TALLY_COUNTS),
    "ratings_maptally": (("region_id", "category_id"), ("received", "rated", "dissatisfied")),
    "ratings_answerdays": (("unit_id", "days"), ("answers",)),
}
COUNTED_COLUMNS = (
    "appeal_id", "day", "unit_id", "category_id", "region_id", "withdrawn", "answered",
    "answered_on_time", "rated", "dissatisfied", "days", "forwarded_from", "late_from",
    "forwarded_to",
)  # fmt: skip

_UNIT_MAP = """
    unit_map(agency_id, unit_id) AS (
        SELECT * FROM unnest(%(agencies)s::bigint[], %(units)s::bigint[])
    )
"""
# The units each appeal was forwarded from (late or not) and to, of every appeal or of the
# logged ones ({events}: EVERY or LOGGED), kept in tally_forwards for COUNTED.
FORWARDS = f"""
    WITH {_UNIT_MAP},
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

# Each appeal's part, as it is now: of every appeal or of the logged ones ({appeals}).
COUNTED = f"""
    WITH {_UNIT_MAP}
    INSERT INTO {{into}} ({", ".join(COUNTED_COLUMNS)})
    SELECT a.id, (a.received_at AT TIME ZONE 'Asia/Almaty')::date, m.unit_id,
           coalesce(c.parent_id, c.id), a.region_id,
           a.status = 'withdrawn',
           a.status IN ('answered', 'terminated'),
           coalesce(a.status IN ('answered', 'terminated') AND a.answered_at <= a.due_at, false),
           f.id IS NOT NULL,
           coalesce(NOT f.satisfied, false),
           CASE WHEN a.status IN ('answered', 'terminated') THEN
               floor(date_part('epoch', a.answered_at - a.received_at) / 86400)::int END,
           w.forwarded_from, w.late_from, w.forwarded_to
    FROM {{appeals}}
    JOIN agencies_category c ON c.id = a.category_id
    LEFT JOIN unit_map m ON m.agency_id = a.agency_id
    LEFT JOIN ratings_feedback f ON f.appeal_id = a.id
    LEFT JOIN tally_forwards w ON w.appeal_id = a.id
    ORDER BY 2  -- by receipt day: the appeals that change, the recent ones, share pages
"""  # noqa: S608 - constant fragments only; every value is a bound parameter

EVERY = {
    "appeals": "appeals_appeal a",
    "events": "(SELECT * FROM appeals_appealevent WHERE action = 'appeal.forwarded') e",
}
# Each logged appeal's forwards looked up by index, appeal by appeal. As a join, the
# planner merges the logged ids with every forward in order of appeal id: the recent
# appeals come last, so it reads them all. (OFFSET 0 keeps the subquery per appeal.)
LOGGED = {
    "appeals": "tally_dirty d JOIN appeals_appeal a ON a.id = d.appeal_id",
    "events": "tally_dirty d CROSS JOIN LATERAL (SELECT * FROM appeals_appealevent x"
    " WHERE x.appeal_id = d.appeal_id AND x.action = 'appeal.forwarded' OFFSET 0) e",
}

# The day rows' changes from signed parts ({signed}: sign, then CountedAppeal's columns):
# +1 for a part now, -1 for a part counted before.
DAY_CHANGES = {
    "ratings_unittally": """
        SELECT day, unit_id, category_id,
               sum(received) AS received, sum(withdrawn) AS withdrawn,
               sum(answered) AS answered, sum(answered_on_time) AS answered_on_time,
               sum(rated) AS rated, sum(dissatisfied) AS dissatisfied,
               sum(forwarded_out) AS forwarded_out, sum(forwarded_in) AS forwarded_in,
               sum(late_forwards) AS late_forwards
        FROM (
            SELECT day, unit_id, category_id, sign AS received,
                   sign * withdrawn::int AS withdrawn, sign * answered::int AS answered,
                   sign * answered_on_time::int AS answered_on_time,
                   sign * rated::int AS rated, sign * dissatisfied::int AS dissatisfied,
                   0 AS forwarded_out, 0 AS forwarded_in, 0 AS late_forwards
            FROM {signed} s WHERE unit_id IS NOT NULL
            UNION ALL
            SELECT day, source, category_id, 0, 0, 0, 0, 0, 0,
                   sign, 0, sign * coalesce(source = ANY(late_from), false)::int
            FROM {signed} s, unnest(forwarded_from) AS source
            UNION ALL
            SELECT day, target, category_id, 0, 0, 0, 0, 0, 0, 0, sign, 0
            FROM {signed} s, unnest(forwarded_to) AS target
        ) AS parts
        GROUP BY day, unit_id, category_id
    """,
    "ratings_maptally": """
        SELECT day, region_id, category_id, sum(sign) AS received,
               sum(sign * rated::int) AS rated, sum(sign * dissatisfied::int) AS dissatisfied
        FROM {signed} s WHERE region_id IS NOT NULL
        GROUP BY day, region_id, category_id
    """,
    "ratings_answerdays": """
        SELECT day, unit_id, days, sum(sign) AS answers
        FROM {signed} s WHERE unit_id IS NOT NULL AND days IS NOT NULL
        GROUP BY day, unit_id, days
    """,
}
EVERY_PART = "(SELECT 1 AS sign, * FROM ratings_countedappeal)"


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
    when more than `rebuild_above` and a tenth of the appeals are logged. `mapping` is
    the unit map (metrics.unit_map), when the caller has it.

    The lock is held to the end of the outermost transaction: called inside a
    publication, no other refresh runs until it commits.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        mapping = mapping if mapping is not None else metrics.unit_map()
        shape = shape_of(mapping, category_tops())
        state = TallyState.objects.first()
        inputs = {"agencies": list(mapping), "units": list(mapping.values())}
        # Hashes of millions of groups in a rebuild stay in memory; compiling the plans
        # (JIT) costs more than it saves in a refresh, and so does starting parallel
        # workers for its few thousand rows. A rollback undoes these too.
        cursor.execute("SET LOCAL work_mem = '256MB'; SET LOCAL jit = off")
        if rebuild or state is None or state.shape != shape or _bulk(cursor, rebuild_above):
            refresh = Refresh(rebuilt=True, appeals=_rebuild_everything(cursor, inputs))
            TallyState.objects.all().delete()
            TallyState.objects.create(shape=shape, built_at=timezone.now())
        else:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            refresh = Refresh(rebuilt=False, appeals=_count_again(cursor, inputs))
        cursor.execute(
            "SET LOCAL work_mem TO DEFAULT; SET LOCAL jit TO DEFAULT;"
            " SET LOCAL max_parallel_workers_per_gather TO DEFAULT"
        )
        return refresh


def _bulk(cursor: CursorWrapper, rebuild_above: int) -> bool:
    """More appeals logged than `rebuild_above` and a tenth of those counted? Counts no
    further than that, so a bulk load of millions is not counted one by one."""
    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'ratings_countedappeal'::regclass")
    (counted,) = cursor.fetchone()  # the estimate of the last ANALYZE
    threshold = int(max(rebuild_above, counted / 10))
    cursor.execute(
        "SELECT count(*) FROM (SELECT FROM ratings_dirtyappeal LIMIT %s) AS logged",
        [threshold + 1],
    )
    return bool(cursor.fetchone()[0] > threshold)


def _rebuild_everything(cursor: CursorWrapper, inputs: dict[str, Any]) -> int:
    # The logged appeals are counted by this pass; those of writers still running stay.
    cursor.execute("DELETE FROM ratings_dirtyappeal")
    cursor.execute(f"TRUNCATE ratings_countedappeal, {', '.join(TALLIES)}")
    _temp(cursor, "tally_forwards", FORWARDS.format(**EVERY), inputs, analyze=True)
    cursor.execute(COUNTED.format(into="ratings_countedappeal", **EVERY), inputs)
    counted = cursor.rowcount
    for table in TALLIES:
        _add_changes(cursor, table, DAY_CHANGES[table].format(signed=EVERY_PART))
    cursor.execute(f"ANALYZE ratings_countedappeal, {', '.join(TALLIES)}")
    return int(counted)


def _count_again(cursor: CursorWrapper, inputs: dict[str, Any]) -> int:
    """Count the logged appeals again and add the difference to the tallies."""
    cursor.execute("SELECT EXISTS (SELECT FROM ratings_dirtyappeal)")
    if not cursor.fetchone()[0]:
        return 0
    _temp(cursor, "tally_dirty", "SELECT appeal_id FROM ratings_dirtyappeal WITH NO DATA")
    cursor.execute(
        "WITH taken AS (DELETE FROM ratings_dirtyappeal RETURNING appeal_id)"
        " INSERT INTO tally_dirty SELECT DISTINCT appeal_id FROM taken"
    )
    dirty = int(cursor.rowcount)
    if not dirty:
        return 0
    cursor.execute("ANALYZE tally_dirty")  # so that the plans read a few appeals by index
    _temp(cursor, "tally_now", "SELECT * FROM ratings_countedappeal WITH NO DATA")
    _temp(cursor, "tally_forwards", FORWARDS.format(**LOGGED), inputs)
    cursor.execute(COUNTED.format(into="tally_now", **LOGGED), inputs)
    # The parts counted before leave with -1 as the parts now come in with +1.
    _temp(cursor, "tally_signed", "SELECT 1 AS sign, * FROM tally_now")
    cursor.execute(
        "WITH gone AS (DELETE FROM ratings_countedappeal o USING tally_dirty d"
        " WHERE o.appeal_id = d.appeal_id RETURNING o.*)"
        " INSERT INTO tally_signed SELECT -1, * FROM gone"
    )
    cursor.execute("INSERT INTO ratings_countedappeal SELECT * FROM tally_now")
    for table in TALLIES:
        _add_changes(cursor, table, DAY_CHANGES[table].format(signed="tally_signed"))
    return dirty


def _add_changes(cursor: CursorWrapper, table: str, day_changes: str) -> None:
    """Add the day rows' changes to the rows of every grain; drop the rows left at zero.

    Rows go in in the order of their days, so that a period's range of days is a range of
    the table's pages too.
    """
    keys, counts = TALLIES[table]
    _temp(cursor, "tally_changes", day_changes)
    nonzero = " OR ".join(f"sum({name}) <> 0" for name in counts)
    added = ", ".join(f"{name} = t.{name} + excluded.{name}" for name in counts)
    zero = " AND ".join(f"t.{name} = 0" for name in counts)
    for grain in GRAINS:
        cursor.execute(
            f"""
            WITH added AS (
                INSERT INTO {table} AS t (grain, day, {", ".join((*keys, *counts))})
                SELECT %(grain)s, date_trunc(%(grain)s, day)::date, {", ".join(keys)},
                       {", ".join(f"sum({name})" for name in counts)}
                FROM tally_changes
                GROUP BY 2, {", ".join(keys)}
                HAVING {nonzero}
                ORDER BY 2
                ON CONFLICT (grain, day, {", ".join(keys)}) DO UPDATE SET {added}
                RETURNING {zero.replace("t.", "")} AS left_at_zero
            )
            SELECT count(*) FILTER (WHERE left_at_zero) FROM added
            """,  # noqa: S608 - constant names only
            {"grain": grain.value},
        )
        if not cursor.fetchone()[0]:
            continue
        cursor.execute(
            f"""
            DELETE FROM {table} t
            USING (SELECT DISTINCT date_trunc(%(grain)s, day)::date AS day FROM tally_changes) c
            WHERE t.grain = %(grain)s AND t.day = c.day AND {zero}
            """,  # noqa: S608 - constant names only
            {"grain": grain.value},
        )


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


def cover(
    start: datetime.date | None,
    end: datetime.date,
    grains: tuple[Grain, ...] = (Grain.YEAR, Grain.MONTH),
) -> list[tuple[Grain, datetime.date | None, datetime.date]]:
    """[start, end) as (grain, first day, day after) pieces, each whole at its grain.

    The coarsest grain that fits is used; start None is the beginning of time.
    """
    if not grains:
        return [(Grain.DAY, start, end)] if start is None or start < end else []
    grain, finer = grains[0], grains[1:]
    low = None if start is None else truncate(start, grain)
    if low is not None and low != start:
        low = following(low, grain)
    high = truncate(end, grain)
    if low is not None and low >= high:
        return cover(start, end, finer)
    before = [] if low is None else cover(start, low, finer)
    return [*before, (grain, low, high), *cover(high, end, finer)]
