"""The import's good rows moved into place: deadlines where the file gives none, ids and
reference numbers in file order, then one INSERT … SELECT per table.

A role that may skip the per-row triggers checks the keys per statement and logs the new
appeals for the rankings in one statement (core/checked_writes.py). Otherwise the ratings
go in first, so that the rankings' trigger logs each appeal once, with its rating, and
locks none (docs/rankings.md).
"""

from __future__ import annotations

import datetime
import io
from functools import lru_cache
from typing import Any

from agencies.workdays import WorkCalendar, end_of_day, workday_cutoff
from appeals.importing_checks import FIRST_YEAR, LAST_YEAR
from appeals.models.appeal import NEVER_DELETED, REFERENCE_SEQUENCE
from core import checked_writes

LOCAL_DAY = "(r.received AT TIME ZONE 'Asia/Almaty')::date"


class Deadlines:
    """Deadlines by receipt day and working days, from the working-day calendar."""

    def __init__(self) -> None:
        self.calendar = WorkCalendar.load(
            datetime.date(FIRST_YEAR, 1, 1), datetime.date(LAST_YEAR + 1, 12, 31)
        )

    def before_and_after_cutoff(
        self, day: datetime.date, working_days: int
    ) -> tuple[datetime.datetime, datetime.datetime]:
        """The deadline of an appeal received that day before the cutoff, and after it."""
        later = self.calendar.next_working_day(day)
        first = day if self.calendar.is_working_day(day) else later
        return self._due(first, working_days), self._due(later, working_days)

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Deadlines per import run
    def _due(self, day_zero: datetime.date, working_days: int) -> datetime.datetime:
        return end_of_day(self.calendar.add_working_days(day_zero, working_days))


def deadlines_stage(cursor: Any) -> None:
    """import_deadlines: for each receipt day and working days of a good row without a
    deadline, the deadlines before and after the working day's cutoff."""
    cursor.execute(
        f"SELECT DISTINCT {LOCAL_DAY}, r.working_days FROM import_rows r"  # noqa: S608
        " WHERE r.error IS NULL AND r.due IS NULL"
    )
    deadlines = Deadlines()
    out = io.StringIO()
    for day, working_days in cursor.fetchall():
        before, after = deadlines.before_and_after_cutoff(day, working_days)
        out.write(f"{day},{working_days},{before.isoformat()},{after.isoformat()}\n")
    out.seek(0)
    cursor.execute(
        "CREATE TEMP TABLE import_deadlines (day date, working_days int,"
        " before_cutoff timestamptz, after_cutoff timestamptz) ON COMMIT DROP"
    )
    cursor.copy_expert("COPY import_deadlines FROM STDIN WITH (FORMAT csv)", out)


def ready_stage(cursor: Any) -> None:
    """import_ready: the good rows in file order, each with its id, reference and deadline.

    The numbers are drawn in the outer query, over the rows already sorted by line, from
    sequences named once (looked up per row, the names cost more than the numbers).
    """
    cursor.execute("SELECT pg_get_serial_sequence('appeals_appeal', 'id')")
    ids = cursor.fetchone()[0]
    cursor.execute(
        f"""
        CREATE TEMP TABLE import_ready ON COMMIT DROP AS
        SELECT n.id, CASE WHEN n.reference <> '' THEN n.reference
                          ELSE n.prefix || '-' || n.year || '-'
                               || lpad(n.number::text, greatest(8, length(n.number::text)), '0')
                     END AS reference,
               n.line, n.type_id, n.category_id, n.region_id, n.addressee_id, n.agency_id,
               n.status, n.received, n.answered, n.deadline AS due, n.rating,
               CASE WHEN n.rating THEN '' ELSE 'other' END AS reason, n.forwarded_from_id
        FROM (SELECT nextval(%(ids)s::regclass) AS id,
                     CASE WHEN s.reference = '' THEN nextval(%(sequence)s::regclass) END
                         AS number, s.*
        FROM (
            SELECT r.line, r.reference, r.prefix, r.type_id, r.category_id, r.region_id,
                   r.addressee_id, r.agency_id, r.status, r.received, r.answered, r.rating,
                   r.forwarded_from_id,
                   extract(year FROM r.received AT TIME ZONE 'Asia/Almaty')::int AS year,
                   coalesce(r.due, CASE WHEN (r.received AT TIME ZONE 'Asia/Almaty')::time
                                             < %(cutoff)s
                                        THEN d.before_cutoff ELSE d.after_cutoff END) AS deadline
            FROM import_rows r
            LEFT JOIN import_deadlines d
                ON d.day = {LOCAL_DAY} AND d.working_days = r.working_days
            WHERE r.error IS NULL ORDER BY r.line
        ) s) n
        """,  # noqa: S608 - built from constants only
        {"cutoff": workday_cutoff(), "ids": ids, "sequence": REFERENCE_SEQUENCE},
    )


# What the import writes, and the triggers an insert there fires that the import stands in
# for when it may skip them: LOGGED writes what they would have.
WRITTEN = ("appeals_appeal", "ratings_feedback", "appeals_appealevent")
STOOD_IN_FOR = frozenset(
    {"ratings_dirty_appeals_inserted", "ratings_dirty_feedback_inserted", "ratings_dirty_forwards"}
)
# The rankings' log of the new appeals (ratings/sql/tallies.sql) from the rows in hand,
# counted by the rankings' own functions: each appeal's part with its rating (a new
# appeal: no complaint, no answer checked), and the forwarded ones to be counted again.
# Read back from the tables, a million appeals would be a million lookups.
LOGGED = """
    INSERT INTO ratings_tallydelta (sign, appeal_id, day, agency_id, category_id, region_id,
        flags, days, due_day)
    SELECT 1, r.id, p.day, r.agency_id, r.category_id, r.region_id,
           p.flags + ratings_rating_flags(r.rating, r.reason), p.days, p.due_day
    FROM import_ready r
    CROSS JOIN LATERAL ratings_appeal_part(r.status, r.received, r.due, r.answered,
                                           false, false, false) p;
    INSERT INTO ratings_dirtyappeal (appeal_id)
    SELECT id FROM import_ready WHERE forwarded_from_id IS NOT NULL;
"""
# Sorted by body and receipt, not in file order: the big indexes on body and receipt are
# then written in sweeps rather than all over; faster at 10 M appeals (docs/benchmarks.md).
APPEALS = """
    INSERT INTO appeals_appeal (
        id, reference, type_id, applicant_id, co_applicants, category_id, region_id,
        address, subject, text, language, addressee_id, agency_id, status,
        received_at, due_at, answered_at, forward_count, answer_kind, answer_text,
        termination_reason, extension_reason, imported)
    SELECT id, reference, type_id, %s, 0, category_id, region_id, '', '', '', 'ru',
           addressee_id, agency_id, status, received, due, answered,
           (forwarded_from_id IS NOT NULL)::int, '', '', '', '', true
    FROM import_ready ORDER BY agency_id, received
"""
RATINGS = """
    INSERT INTO ratings_feedback (appeal_id, satisfied, reason, comment, created_at,
                                  updated_at)
    SELECT id, rating, reason, '', coalesce(answered, received), coalesce(answered, received)
    FROM import_ready WHERE rating IS NOT NULL ORDER BY id
"""
FORWARDS = """
    INSERT INTO appeals_appealevent (appeal_id, action, created_at, from_status,
        to_status, from_agency_id, to_agency_id, comment, data)
    SELECT id, 'appeal.forwarded', received, '', 'submitted', forwarded_from_id,
           agency_id, '', '{"imported": true}'::jsonb
    FROM import_ready WHERE forwarded_from_id IS NOT NULL ORDER BY id
"""


def move_into_place(cursor: Any, applicant_id: int) -> int:
    """The appeals, their ratings and their forwards; returns the number of appeals.

    Past the per-row triggers when this role may skip them and every trigger skipped is
    one stood in for. Otherwise with them, the ratings first.
    """
    skippable = checked_writes.may_skip_triggers(cursor)
    if skippable and checked_writes.insert_triggers(cursor, WRITTEN) <= STOOD_IN_FOR:
        return _past_triggers(cursor, applicant_id)
    cursor.execute(RATINGS)
    cursor.execute(APPEALS, [applicant_id])
    imported = cursor.rowcount
    cursor.execute(FORWARDS)
    return int(imported)


def _past_triggers(cursor: Any, applicant_id: int) -> int:
    """The keys checked once per statement, not once per row at commit; the rankings' log
    written from the rows in hand."""
    keys = checked_writes.foreign_keys(cursor, WRITTEN)
    cursor.execute(checked_writes.SKIP_TRIGGERS)
    imported = checked_writes.write_checked(
        cursor, "appeals_appeal", APPEALS, keys["appeals_appeal"], [applicant_id],
        unlocked=NEVER_DELETED,
    )  # fmt: skip
    for table, insert in (("ratings_feedback", RATINGS), ("appeals_appealevent", FORWARDS)):
        checked_writes.write_checked(cursor, table, insert, keys[table], unlocked=NEVER_DELETED)
    cursor.execute(checked_writes.RESTORE_TRIGGERS)
    cursor.execute(LOGGED)
    return imported
