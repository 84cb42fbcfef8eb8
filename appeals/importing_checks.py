"""The import's rows checked by the server, all at once: each row's first error, as
`column:rule`, in the order a reader checks a row, and its values as ids and times.

A rule's message is written here once (`message`), translated, for any row that breaks it.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from appeals.importing_read import COLUMNS, REQUIRED, TIMES, at_line
from appeals.models import Appeal

REFERENCE = r"^[А-ЯЁӘҒҚҢӨҰҮҺІ]{2}-[0-9]{4}-[0-9]{8}$"
FIRST_YEAR, LAST_YEAR = 1900, 2099  # receipts the working-day calendar can count from


def _quoted(values: Any) -> str:
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def stage_create(cursor: Any) -> None:
    columns = ", ".join(f"{column} text" for column in COLUMNS)
    moments = ", ".join(f"moment_{column} timestamptz" for column in TIMES)
    # Gone at commit; dropped first in case an enclosing transaction still holds one.
    cursor.execute("DROP TABLE IF EXISTS import_raw, import_rows, import_deadlines, import_ready")
    cursor.execute(f"CREATE TEMP TABLE import_raw (line int, {columns}, {moments}) ON COMMIT DROP")


def stage_copy(cursor: Any, stream: io.TextIOBase) -> None:
    columns = ", ".join(COLUMNS)
    moments = ", ".join(f"moment_{column}" for column in TIMES)
    sql = (
        f"COPY import_raw (line, {columns}, {moments}) FROM STDIN"
        f" WITH (FORMAT csv, FORCE_NOT_NULL ({columns}))"
    )
    cursor.copy_expert(sql, stream, 1 << 16)


def _first_error() -> str:
    closed = _quoted(Appeal.CLOSED_STATUSES)
    required = " ".join(f"WHEN r.{c} = '' THEN '{c}:required'" for c in REQUIRED)
    return f"""CASE {required}
        WHEN t.id IS NULL THEN 'type:choice'
        WHEN g.id IS NULL THEN 'agency:unknown'
        WHEN r.status NOT IN ({_quoted(Appeal.Status.values)}) THEN 'status:choice'
        WHEN r.forwarded_from <> '' AND f.id IS NULL THEN 'forwarded_from:unknown'
        WHEN r.reference <> '' AND r.reference !~ '{REFERENCE}' THEN 'reference:like'
        WHEN r.category <> '' AND c.id IS NULL THEN 'category:unknown'
        WHEN r.region <> '' AND n.id IS NULL THEN 'region:unknown'
        WHEN r.moment_received_at IS NULL THEN 'received_at:iso'
        WHEN extract(year FROM r.moment_received_at AT TIME ZONE 'Asia/Almaty')
            NOT BETWEEN {FIRST_YEAR} AND {LAST_YEAR} THEN 'received_at:years'
        WHEN r.answered_at <> '' AND r.moment_answered_at IS NULL THEN 'answered_at:iso'
        WHEN r.moment_answered_at < r.moment_received_at THEN 'answered_at:earlier'
        WHEN r.moment_answered_at IS NOT NULL AND r.status NOT IN ({closed})
            THEN 'answered_at:closed'
        WHEN r.due_at <> '' AND r.moment_due_at IS NULL THEN 'due_at:iso'
        WHEN lower(r.satisfied) NOT IN ('', 'yes', 'no') THEN 'satisfied:choice'
        WHEN r.satisfied <> '' AND r.status <> 'answered' THEN 'satisfied:answered'
    END"""


def classify(cursor: Any, *, fallback_category: int | None) -> None:
    """import_rows: every staged row with its ids, times and first error (NULL: good);
    narrow, as the moves sort it."""
    cursor.execute(
        f"""
        CREATE TEMP TABLE import_rows ON COMMIT DROP AS
        SELECT r.line, r.reference, r.status, t.id AS type_id, t.prefix,
               t.deadline_working_days AS working_days,
               g.id AS agency_id, f.id AS forwarded_from_id,
               coalesce(f.id, g.id) AS addressee_id,
               CASE WHEN r.category = '' THEN %(fallback)s ELSE c.id END AS category_id,
               CASE WHEN r.region = '' THEN g.region_id ELSE n.id END AS region_id,
               r.moment_received_at AS received, r.moment_answered_at AS answered,
               r.moment_due_at AS due,
               CASE lower(r.satisfied) WHEN 'yes' THEN true WHEN 'no' THEN false END
                   AS rating,
               {_first_error()} AS error
        FROM import_raw r
        LEFT JOIN appeals_appealtype t ON t.code = r.type
        LEFT JOIN agencies_agency g ON g.code = r.agency
        LEFT JOIN agencies_agency f ON f.code = r.forwarded_from AND r.forwarded_from <> ''
        LEFT JOIN agencies_category c ON c.code = r.category AND r.category <> ''
        LEFT JOIN agencies_region n ON n.code = r.region AND r.region <> ''
        """,  # noqa: S608 - built from constants only
        {"fallback": fallback_category},
    )
    cursor.execute("ANALYZE import_rows")
    _mark_taken_references(cursor)


def _mark_taken_references(cursor: Any) -> None:
    """A reference twice in the file (the first good row keeps it), or already used."""
    cursor.execute(
        """
        UPDATE import_rows r SET error = 'reference:twice'
        FROM (SELECT line, row_number() OVER (PARTITION BY reference ORDER BY line) AS nth
              FROM import_rows WHERE error IS NULL AND reference <> '') d
        WHERE d.line = r.line AND d.nth > 1
        """
    )
    cursor.execute(
        """
        UPDATE import_rows r SET error = 'reference:used'
        WHERE r.error IS NULL AND r.reference <> ''
          AND EXISTS (SELECT FROM appeals_appeal a WHERE a.reference = r.reference)
        """
    )


def row_errors(cursor: Any, type_codes: list[str], limit: int) -> tuple[list[tuple[int, str]], int]:
    """The first `limit` rows' errors as (line, message), in line order, and their count."""
    cursor.execute("SELECT count(*) FROM import_rows WHERE error IS NOT NULL")
    total = int(cursor.fetchone()[0])
    columns = ", ".join(f"r.{column}" for column in COLUMNS)
    cursor.execute(
        f"SELECT e.line, e.error, {columns} FROM ("  # noqa: S608 - constants
        " SELECT line, error FROM import_rows WHERE error IS NOT NULL ORDER BY line LIMIT %s"
        ") e JOIN import_raw r USING (line) ORDER BY e.line",
        [limit],
    )
    found = []
    for line, error, *values in cursor.fetchall():
        column, rule = error.split(":")
        value = values[COLUMNS.index(column)]
        found.append((line, at_line(line, column, message(column, rule, value, type_codes))))
    return found, total


def _shown(value: str) -> str:
    return value if len(value) <= 60 else value[:60] + "…"


def message(column: str, rule: str, value: str, type_codes: list[str]) -> str:
    """A rule's message, translated."""
    if rule == "unknown":
        return _("unknown code “%(value)s”") % {"value": _shown(value)}
    if rule == "iso":
        return _("not an ISO 8601 date or date-time: “%(value)s”") % {"value": _shown(value)}
    if rule == "choice" and column != "satisfied":
        choices = type_codes if column == "type" else Appeal.Status.values
        return _("one of %(choices)s") % {"choices": ", ".join(choices)}
    messages = {
        "choice": _("yes, no or empty"),
        "required": _("required"),
        "like": _("like %(example)s") % {"example": "ЖТ-2021-00000123"},
        "years": _("in the years %(first)s to %(last)s") % {"first": FIRST_YEAR, "last": LAST_YEAR},
        "earlier": _("earlier than received_at"),
        "closed": _("only an answered or terminated appeal has one"),
        "answered": _("only an answered appeal can be rated"),
        "twice": _("appears twice in the file"),
        "used": _("already used"),
    }
    return messages[rule]
