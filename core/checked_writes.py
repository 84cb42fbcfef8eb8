"""Bulk inserts past PostgreSQL's per-row triggers, their foreign keys checked per statement.

A role that may set session_replication_role (a superuser, or a role granted SET on it) may
skip the per-row triggers of a bulk write. Each insert then looks up, in its own statement,
the distinct values it wrote in every foreign-key column, and locks the rows they refer to
as the skipped checks would (FOR KEY SHARE). A value that refers to nothing raises, and the
write rolls back as one the triggers refused would. The caller stands in for any other
trigger it skips (`insert_triggers` names them).
"""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError

ForeignKey = tuple[str, str, str]  # column, referenced table, referenced column
SKIP_TRIGGERS = "SET LOCAL session_replication_role = replica"
RESTORE_TRIGGERS = "SET LOCAL session_replication_role = origin"


class ForeignKeyViolation(DatabaseError):
    pass


def may_skip_triggers(cursor: Any) -> bool:
    cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
    return bool(cursor.fetchone()[0])


def insert_triggers(cursor: Any, tables: tuple[str, ...]) -> set[str]:
    """The enabled triggers of our own that an insert into these tables fires."""
    cursor.execute(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = ANY(%s::regclass[])"
        " AND NOT tgisinternal AND tgenabled <> 'D' AND tgtype & 4 <> 0",  # 4: on INSERT
        [list(tables)],
    )
    return {name for (name,) in cursor.fetchall()}


def foreign_keys(cursor: Any, tables: tuple[str, ...]) -> dict[str, list[ForeignKey]]:
    """Each table's foreign keys, read from the catalogue; LookupError for a key of several
    columns, which these checks do not cover."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, r.attname,
               cardinality(c.conkey)
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])
        ORDER BY 1, 2
        """,
        [list(tables)],
    )
    keys: dict[str, list[ForeignKey]] = {table: [] for table in tables}
    for table, column, target, key, columns in cursor.fetchall():
        if columns != 1:
            raise LookupError(f"A foreign key of {columns} columns on {table}")
        keys[table].append((column, target, key))
    empty = [table for table, found in keys.items() if not found]
    if empty:  # each of them has foreign keys: none found means the query went wrong
        raise LookupError(f"No foreign keys found for {empty}")
    return keys


def checked_insert(
    insert: str, keys: list[ForeignKey], unlocked: frozenset[str] = frozenset()
) -> str:
    """The insert, returning one row: how many rows it wrote, then for each foreign key the
    first value it wrote that refers to nothing (NULL when there is none).

    The lookups run in the insert's own statement: they see what earlier statements wrote,
    not rows of this one (a row referring to another row of the same insert would fail).
    Rows of the `unlocked` tables are never deleted nor given another key: not locked.
    """
    columns = ", ".join(column for column, _target, _key in keys)
    lookups = ", ".join(
        f"(SELECT d.v FROM (SELECT DISTINCT {column} AS v FROM written) d"  # noqa: S608
        f" WHERE d.v IS NOT NULL AND NOT EXISTS (SELECT FROM {target} r WHERE r.{key} = d.v"
        f"{'' if target in unlocked else ' FOR KEY SHARE'}) LIMIT 1)"
        for column, target, key in keys
    )
    return (
        f"WITH written AS ({insert} RETURNING {columns})"  # noqa: S608 - constants, names
        f" SELECT count(*), {lookups} FROM written"
    )


def write_checked(
    cursor: Any,
    table: str,
    insert: str,
    keys: list[ForeignKey],
    params: Any = None,
    unlocked: frozenset[str] = frozenset(),
) -> int:
    """Run the insert and check what it wrote; returns the number of rows."""
    cursor.execute(checked_insert(insert, keys, unlocked), params)
    count, *dangling = cursor.fetchone()
    for (column, _target, _key), value in zip(keys, dangling, strict=True):
        if value is not None:
            raise ForeignKeyViolation(
                f"Rows written break the foreign key {table}.{column} ({value})"
            )
    return int(count)
