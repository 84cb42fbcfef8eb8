"""Bring the tallies behind the rankings up to date: sum the signed parts the triggers
logged (ratings/sql/tallies.sql) into the rows of every grain, count the logged appeals'
forwards again, or rebuild everything when the trees changed or a bulk load came.
The scheme, once: docs/rankings.md."""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from agencies.models import Category
from ratings.models import Grain, TallyState
from ratings.tallies.sql import (
    ALL_DAY,
    DAY_CHANGES,
    EVERY_FORWARD,
    EVERY_PART,
    FORWARDS,
    FORWARDS_BEFORE,
    FORWARDS_NOW,
    LOGGED_FORWARDS,
    LOGGED_PARTS,
    SIGNED,
    TALLIES,
)
from ratings.units import unit_map, unit_map_params

LOCK = zlib.crc32(b"rankings:tallies")
# Counting an appeal's forwards again costs some ten times its share of a full rebuild:
# past a tenth of the appeals (and this many), rebuild.
REBUILD_ABOVE = 100_000


@dataclass(frozen=True)
class Refresh:
    rebuilt: bool  # everything was rebuilt
    appeals: int  # appeals counted again (a full rebuild: every one)
    unpublished: bool = True  # the tallies hold changes the scheduled snapshots do not show


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
    forwards. `mapping` is the unit map (ratings.units.unit_map), when the caller has it.

    The lock is held to the end of the outermost transaction: called inside a
    publication, no other refresh runs until it commits.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        mapping = mapping if mapping is not None else unit_map()
        shape = shape_of(mapping, category_tops())
        state = TallyState.objects.first()
        inputs = unit_map_params(mapping)
        # The signed parts are summed in one pass however many there are; the forwards
        # are looked up appeal by appeal, and past a tenth of the appeals counted, one
        # pass over all of them is cheaper.
        threshold = int(max(rebuild_above, (state.appeals if state else 0) / 10))
        parts, forwards = _logged(cursor, threshold + 1)
        bulk = forwards > threshold
        if not (rebuild or bulk or state is None or state.shape != shape):
            if not (parts or forwards):
                return Refresh(rebuilt=False, appeals=0, unpublished=state.unpublished)
            changed = _count_again(cursor, inputs)
            if not state.unpublished:
                TallyState.objects.filter(pk=state.pk).update(unpublished=True)
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
