"""The import's good rows moved into place: deadlines where the file gives none, ids and
reference numbers in file order, then one INSERT … SELECT per table.

The rankings' triggers log the new appeals, ratings and forwards as for any insert
(docs/rankings.md): the tallies are brought up to date by their next refresh.
"""

from __future__ import annotations

import datetime
import io
from functools import lru_cache
from typing import Any

from agencies.workdays import WorkCalendar, end_of_day, workday_cutoff
from appeals.importing_checks import FIRST_YEAR, LAST_YEAR
from appeals.models.appeal import REFERENCE_SEQUENCE

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

    The numbers are drawn in the outer query, over the rows already sorted by line.
    """
    cursor.execute(
        f"""
        CREATE TEMP TABLE import_ready ON COMMIT DROP AS
        SELECT n.id, CASE WHEN n.reference <> '' THEN n.reference
                          ELSE n.prefix || '-' || n.year || '-'
                               || lpad(n.number::text, greatest(8, length(n.number::text)), '0')
                     END AS reference,
               n.line, n.type_id, n.category_id, n.region_id, n.addressee_id, n.agency_id,
               n.status, n.received, n.answered, n.deadline AS due, n.rating,
               n.forwarded_from_id
        FROM (SELECT nextval(pg_get_serial_sequence('appeals_appeal', 'id')) AS id,
                     CASE WHEN s.reference = '' THEN nextval(%(sequence)s) END AS number, s.*
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
        {"cutoff": workday_cutoff(), "sequence": REFERENCE_SEQUENCE},
    )


def move_into_place(cursor: Any, applicant_id: int) -> int:
    """The appeals, their ratings and their forwards; returns the number of appeals."""
    cursor.execute(
        """
        INSERT INTO appeals_appeal (
            id, reference, type_id, applicant_id, co_applicants, category_id, region_id,
            address, subject, text, language, addressee_id, agency_id, status,
            received_at, due_at, answered_at, forward_count, answer_kind, answer_text,
            termination_reason, extension_reason, imported)
        SELECT id, reference, type_id, %s, 0, category_id, region_id, '', '', '', 'ru',
               addressee_id, agency_id, status, received, due, answered,
               (forwarded_from_id IS NOT NULL)::int, '', '', '', '', true
        FROM import_ready ORDER BY id
        """,
        [applicant_id],
    )
    imported = cursor.rowcount
    cursor.execute(
        """
        INSERT INTO ratings_feedback (appeal_id, satisfied, reason, comment, created_at,
                                      updated_at)
        SELECT id, rating, CASE WHEN rating THEN '' ELSE 'other' END, '',
               coalesce(answered, received), coalesce(answered, received)
        FROM import_ready WHERE rating IS NOT NULL ORDER BY id
        """
    )
    cursor.execute(
        """
        INSERT INTO appeals_appealevent (appeal_id, action, created_at, from_status,
            to_status, from_agency_id, to_agency_id, comment, data)
        SELECT id, 'appeal.forwarded', received, '', 'submitted', forwarded_from_id,
               agency_id, '', '{"imported": true}'::jsonb
        FROM import_ready WHERE forwarded_from_id IS NOT NULL ORDER BY id
        """
    )
    return int(imported)
