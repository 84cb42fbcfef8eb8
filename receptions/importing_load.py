"""`meetings_import`: the checked rows of receptions/importing.py staged in two files, then
loaded with COPY and moved into place with INSERT … SELECT in one transaction. A meeting
whose meeting_ref was imported before is skipped with its questions: importing a file
again adds nothing."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from typing import IO, Any

from django.db import connection, transaction

from core.copying import copy_value
from receptions.importing import (
    MAX_FILE_BYTES,
    ImportReport,
    Lookups,
    RowError,
    check_row,
    conflict,
    has_question,
    meeting_key,
    meeting_values,
    question_values,
    read_rows,
)

MEETING_STAGE = (
    "line", "import_ref", "agency_id", "kind", "status", "official_name", "official_post",
    "region_id", "locality", "target_group", "starts_at", "ends_at", "not_held_reason",
    "attendance",
)  # fmt: skip
QUESTION_STAGE = (
    "line", "import_ref", "category_id", "region_id", "locality", "outcome", "forwarded_to_id",
    "recorded_at",
)  # fmt: skip
STAGE_TABLES = """
    DROP TABLE IF EXISTS meeting_stage, question_stage;
    CREATE TEMP TABLE meeting_stage (line int, import_ref text, agency_id bigint, kind text,
        status text, official_name text, official_post text, region_id bigint, locality text,
        target_group text, starts_at timestamptz, ends_at timestamptz, not_held_reason text,
        attendance int) ON COMMIT DROP;
    CREATE TEMP TABLE question_stage (line int, import_ref text, category_id bigint,
        region_id bigint, locality text, outcome text, forwarded_to_id bigint,
        recorded_at timestamptz) ON COMMIT DROP;
"""
# Meetings loaded before, by their reference, are left out with their questions.
DROP_KNOWN = """
    DELETE FROM meeting_stage s USING receptions_meeting m WHERE m.import_ref = s.import_ref
"""
# COPY reads an empty field as NULL: the text columns take '' back.
INSERT_MEETINGS = """
    INSERT INTO receptions_meeting (agency_id, kind, status, official_id, official_name,
        official_post, region_id, locality, place, video_link, target_group, topics, starts_at,
        ends_at, slot_minutes, not_held_reason, attendance, imported, import_ref, created_by_id,
        created_at, status_changed_at)
    SELECT agency_id, kind, status, NULL, official_name, coalesce(official_post, ''),
           region_id, coalesce(locality, ''), '', '', coalesce(target_group, ''), '',
           starts_at, ends_at, NULL, coalesce(not_held_reason, ''), attendance, true,
           import_ref, NULL, now(), CASE WHEN status <> 'planned' THEN ends_at END
    FROM meeting_stage ORDER BY line
"""
INSERT_QUESTIONS = """
    INSERT INTO receptions_question (meeting_id, booking_id, citizen_id, category_id,
        region_id, locality, text, outcome, outcome_note, appeal_id, forwarded_to_id,
        reopened_by_id, recorded_by_id, recorded_at, imported)
    SELECT m.id, NULL, NULL, q.category_id, q.region_id, coalesce(q.locality, ''), '',
           q.outcome, '', NULL, q.forwarded_to_id, NULL, NULL, q.recorded_at, true
    FROM question_stage q JOIN meeting_stage s ON s.import_ref = q.import_ref
    JOIN receptions_meeting m ON m.import_ref = s.import_ref
    ORDER BY q.line
"""


class _Stage:
    """The checked rows as two CSV files; a meeting is written at its first good row and
    remembered (its line and columns) to check its other rows against."""

    def __init__(self, meetings: IO[str], questions: IO[str], report: ImportReport) -> None:
        self.meetings, self.questions = csv.writer(meetings), csv.writer(questions)
        self.report, self.lookups = report, Lookups()
        self.seen: dict[str, tuple[int, tuple[str, ...], dict[str, Any]]] = {}

    def add(self, line: int, row: dict[str, Any]) -> None:
        try:
            check_row(row)
            meeting = self._meeting(line, row)
            if has_question(row):
                values = {"line": line, "import_ref": row["meeting_ref"].strip(),
                          **question_values(row, self.lookups, meeting)}  # fmt: skip
                self.questions.writerow([copy_value(values[c]) for c in QUESTION_STAGE])
        except RowError as error:
            self.report.error(error.at(line))

    def _meeting(self, line: int, row: dict[str, Any]) -> dict[str, Any]:
        reference = row["meeting_ref"].strip()
        if reference in self.seen:
            first_line, key, values = self.seen[reference]
            differs = conflict(row, (first_line, key))
            if differs:
                raise differs
            return values
        values = meeting_values(row, self.lookups)
        self.seen[reference] = (line, meeting_key(row), values)
        staged = {"line": line, "import_ref": reference, **values}
        self.meetings.writerow([copy_value(staged[c]) for c in MEETING_STAGE])
        return values


def meetings_import(
    path: str,
    *,
    partial: bool = False,
    dry_run: bool = False,
    max_bytes: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Check every row, stage the good ones, then load them in one transaction (rolled
    back on a dry run). Memory grows with the file's meetings, never with its rows."""
    report = ImportReport()
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as meetings, \
            tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as questions:  # fmt: skip
        stage = _Stage(meetings, questions, report)
        try:
            for line, row in read_rows(path, max_bytes or MAX_FILE_BYTES):
                report.rows += 1
                if progress and report.rows % 10_000 == 0:
                    progress(report.rows)
                stage.add(line, row)
        except RowError as error:
            report.error(f"{error.column}: {error.message}")
        if report.error_count and not partial:
            return report
        meetings.seek(0)
        questions.seek(0)
        _load(meetings, questions, report, dry_run=dry_run)
    return report


def _load(meetings: IO[str], questions: IO[str], report: ImportReport, *, dry_run: bool) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        # One big load: do not wait for each WAL flush; a crash loses all of it, never half.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(STAGE_TABLES)
        cursor.copy_expert(
            f"COPY meeting_stage ({', '.join(MEETING_STAGE)}) FROM STDIN WITH (FORMAT csv)",
            meetings,
        )
        cursor.copy_expert(
            f"COPY question_stage ({', '.join(QUESTION_STAGE)}) FROM STDIN WITH (FORMAT csv)",
            questions,
        )
        cursor.execute(DROP_KNOWN)
        report.skipped = cursor.rowcount
        cursor.execute(INSERT_MEETINGS)
        report.meetings = cursor.rowcount
        cursor.execute(INSERT_QUESTIONS)
        report.questions = cursor.rowcount
        if dry_run:
            transaction.set_rollback(True)
