"""A batch's foreign keys, checked once per statement instead of once per row.

A superuser may skip PostgreSQL's per-row key triggers for a batch (session_replication_role
= replica); each insert then looks up, in the same statement, the distinct values it wrote
in every foreign-key column. A value that refers to nothing raises, and the batch rolls
back as one the triggers refused would (docs/benchmarks.md).
"""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError

# The tables a batch writes.
TABLES = ("appeals_appeal", "appeals_appealevent", "ratings_feedback")

ForeignKey = tuple[str, str, str]  # column, referenced table, referenced column


class ForeignKeyViolation(DatabaseError):
    pass


def may_skip_triggers(cursor: Any) -> bool:
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    return bool(cursor.fetchone()[0])


def foreign_keys(cursor: Any) -> dict[str, list[ForeignKey]]:
    """Each written table's single-column foreign keys, read from the catalogue."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, r.attname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
          AND c.conrelid = ANY(%s::regclass[])
        ORDER BY 1, 2
        """,
        [list(TABLES)],
    )
    keys: dict[str, list[ForeignKey]] = {table: [] for table in TABLES}
    for table, column, target, key in cursor.fetchall():
        keys[table].append((column, target, key))
    empty = [table for table, found in keys.items() if not found]
    if empty:  # each of them has foreign keys: none found means the query went wrong
        raise LookupError(f"No foreign keys found for {empty}")
    return keys


def checked_insert(insert: str, keys: list[ForeignKey]) -> str:
    """The insert, returning one row: how many rows it wrote, then for each foreign key the
    first value it wrote that refers to nothing (NULL when there is none).

    The lookups run in the insert's own statement: they see what earlier statements wrote,
    not rows of this one (a row referring to another row of the same insert would fail).
    """
    columns = ", ".join(column for column, _target, _key in keys)
    lookups = ", ".join(
        f"(SELECT d.v FROM (SELECT DISTINCT {column} AS v FROM written) d"  # noqa: S608
        f" WHERE d.v IS NOT NULL AND NOT EXISTS (SELECT FROM {target} r WHERE r.{key} = d.v)"
        f" LIMIT 1)"
        for column, target, key in keys
    )
    return (
        f"WITH written AS ({insert} RETURNING {columns})"  # noqa: S608 - constants, names
        f" SELECT count(*), {lookups} FROM written"
    )


def write_checked(cursor: Any, table: str, insert: str, keys: list[ForeignKey]) -> int:
    """Run the insert and check what it wrote; returns the number of rows."""
    cursor.execute(checked_insert(insert, keys))
    count, *dangling = cursor.fetchone()
    for (column, _target, _key), value in zip(keys, dangling, strict=True):
        if value is not None:
            raise ForeignKeyViolation(
                f"Generated rows break the foreign key {table}.{column} ({value})"
            )
    return int(count)
