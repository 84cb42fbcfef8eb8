"""Historical import: past appeals from a CSV file, so rankings start from real history.

Imported appeals carry no personal data (one system applicant, no subject or text) and
are marked `imported`. Every row is checked first; errors name the line and the column.
By default a file with any bad row imports nothing. The good rows are staged in a
temporary table with COPY and moved into place with three INSERT … SELECT statements,
in one transaction.
"""

from __future__ import annotations

import csv
import datetime
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO, Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from accounts.models import User
from agencies.models import Agency, AppealType, Category, Region
from agencies.workdays import ALMATY, WorkCalendar, end_of_day
from appeals.models import Appeal, format_reference, next_reference_numbers
from core.copying import copy_value, iso_moment

IMPORT_USER_EMAIL = "imported-records@otinish.invalid"
COLUMNS = (
    "reference", "type", "agency", "category", "region", "received_at", "status",
    "answered_at", "due_at", "satisfied", "forwarded_from",
)  # fmt: skip
REQUIRED = ("type", "agency", "received_at", "status")
REFERENCE = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ]{2}-\d{4}-\d{8}$")
STATUSES = frozenset(Appeal.Status.values)
STAGE_COLUMNS = (
    "line", "reference", "type_id", "category_id", "region_id", "agency_id", "addressee_id",
    "status", "received_at", "due_at", "answered_at", "satisfied", "forwarded_from_id",
)  # fmt: skip


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    errors: list[str] = field(default_factory=list)


class Lookups:
    """Codes to ids, loaded once: reference data is small."""

    def __init__(self) -> None:
        self.types = {t.code: t for t in AppealType.objects.all()}
        self.agencies = dict(Agency.objects.values_list("code", "pk"))
        self.agency_regions = dict(Agency.objects.values_list("pk", "region_id"))
        self.categories = dict(Category.objects.values_list("code", "pk"))
        self.regions = dict(Region.objects.values_list("code", "pk"))
        self.fallback_category = self.categories.get("other")
        calendar_start = datetime.date(1990, 1, 1)
        self.calendar = WorkCalendar.load(calendar_start, datetime.date(2100, 1, 1))

    def due_at(self, received_at: datetime.datetime, working_days: int) -> datetime.datetime:
        return self._due_date(self.calendar.day_zero(received_at), working_days)

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Lookups per import run
    def _due_date(self, day_zero: datetime.date, working_days: int) -> datetime.datetime:
        # Ten years hold ~2,500 working days: the deadlines repeat, so compute each once.
        return end_of_day(self.calendar.add_working_days(day_zero, working_days))


class RowError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(f"{column}: {message}")


def _lookup(table: dict[str, int], column: str, value: str) -> int:
    if value not in table:
        raise RowError(column, f"unknown code {value!r}")
    return table[value]


def _parse_time(row: dict[str, str], column: str) -> datetime.datetime | None:
    value = (row.get(column) or "").strip()
    if not value:
        return None
    try:
        return iso_moment(value, ALMATY, datetime.time.min)  # a bare date: its start
    except ValueError:
        raise RowError(column, f"not an ISO 8601 date or date-time: {value!r}") from None


def clean_row(row: dict[str, str], lookups: Lookups) -> dict[str, Any]:
    """One CSV row as the stage table's values, or a RowError naming the column."""
    for column in REQUIRED:
        if not (row.get(column) or "").strip():
            raise RowError(column, "required")
    appeal_type = lookups.types.get(row["type"].strip())
    if appeal_type is None:
        raise RowError("type", f"one of {', '.join(lookups.types)}")
    agency_id = _lookup(lookups.agencies, "agency", row["agency"].strip())
    status = row["status"].strip()
    if status not in STATUSES:
        raise RowError("status", f"one of {', '.join(Appeal.Status.values)}")
    forwarded = (row.get("forwarded_from") or "").strip()
    forwarded_from_id = (
        _lookup(lookups.agencies, "forwarded_from", forwarded) if forwarded else None
    )
    reference = (row.get("reference") or "").strip()
    if reference and not REFERENCE.match(reference):
        raise RowError("reference", "like ЖТ-2021-00000123")
    return {
        "reference": reference,
        "prefix": appeal_type.prefix,
        "type_id": appeal_type.pk,
        **_where(row, lookups, agency_id),
        "agency_id": agency_id,
        "addressee_id": forwarded_from_id or agency_id,
        "status": status,
        **_times(row, lookups, status, appeal_type.deadline_working_days),
        "satisfied": _rating(row, status),
        "forwarded_from_id": forwarded_from_id,
    }


def _where(row: dict[str, str], lookups: Lookups, agency_id: int) -> dict[str, int | None]:
    """The category and region, or what the agency implies when the row leaves them out."""
    category = (row.get("category") or "").strip()
    region = (row.get("region") or "").strip()
    return {
        "category_id": _lookup(lookups.categories, "category", category)
        if category
        else lookups.fallback_category,
        "region_id": _lookup(lookups.regions, "region", region)
        if region
        else lookups.agency_regions.get(agency_id),
    }


def _times(
    row: dict[str, str], lookups: Lookups, status: str, working_days: int
) -> dict[str, datetime.datetime | None]:
    received_at = _parse_time(row, "received_at")
    assert received_at is not None  # noqa: S101 - required
    answered_at = _parse_time(row, "answered_at")
    if answered_at is not None and answered_at < received_at:
        raise RowError("answered_at", "earlier than received_at")
    if answered_at is not None and status not in Appeal.CLOSED_STATUSES:
        raise RowError("answered_at", "only an answered or terminated appeal has one")
    due_at = _parse_time(row, "due_at") or lookups.due_at(received_at, working_days)
    return {"received_at": received_at, "due_at": due_at, "answered_at": answered_at}


def _rating(row: dict[str, str], status: str) -> bool | None:
    satisfied = (row.get("satisfied") or "").strip().lower()
    if satisfied not in ("", "yes", "no"):
        raise RowError("satisfied", "yes, no or empty")
    if satisfied and status != Appeal.Status.ANSWERED:
        raise RowError("satisfied", "only an answered appeal can be rated")
    return {"yes": True, "no": False}.get(satisfied)


def _import_user() -> User:
    user, _ = User.objects.get_or_create(
        email=IMPORT_USER_EMAIL,
        defaults={"full_name": "Imported records", "is_active": False,
                  "password": make_password(None)},
    )  # fmt: skip
    return user


def _stage(stage: IO[str]) -> list[int]:
    """COPY the staged rows into a temporary table; returns lines whose reference is taken."""
    columns = ", ".join(STAGE_COLUMNS)
    with connection.cursor() as cursor:
        # Gone at commit; dropped first in case an enclosing transaction still holds one.
        cursor.execute("DROP TABLE IF EXISTS import_stage")
        cursor.execute(
            "CREATE TEMP TABLE import_stage (line int, reference text, type_id bigint, "
            "category_id bigint, region_id bigint, agency_id bigint, addressee_id bigint, "
            "status text, received_at timestamptz, due_at timestamptz, answered_at timestamptz, "
            "satisfied boolean, forwarded_from_id bigint) ON COMMIT DROP"
        )
        cursor.copy_expert(f"COPY import_stage ({columns}) FROM STDIN WITH (FORMAT csv)", stage)
        cursor.execute(
            "DELETE FROM import_stage s USING appeals_appeal a WHERE a.reference = s.reference "
            "RETURNING s.line"
        )
        return sorted(line for (line,) in cursor.fetchall())


def _move_into_place(applicant_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO appeals_appeal (
                reference, type_id, applicant_id, co_applicants, category_id, region_id,
                address, subject, text, language, addressee_id, agency_id, status,
                received_at, due_at, answered_at, forward_count, answer_kind, answer_text,
                termination_reason, extension_reason, imported)
            SELECT reference, type_id, %s, 0, category_id, region_id, '', '', '', 'ru',
                   addressee_id, agency_id, status, received_at, due_at, answered_at,
                   (forwarded_from_id IS NOT NULL)::int, '', '', '', '', true
            FROM import_stage ORDER BY line
            """,
            [applicant_id],
        )
        imported = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO ratings_feedback (appeal_id, satisfied, reason, comment,
                                          created_at, updated_at)
            SELECT a.id, s.satisfied, CASE WHEN s.satisfied THEN '' ELSE 'other' END, '',
                   coalesce(s.answered_at, s.received_at), coalesce(s.answered_at, s.received_at)
            FROM import_stage s JOIN appeals_appeal a ON a.reference = s.reference
            WHERE s.satisfied IS NOT NULL
            """
        )
        cursor.execute(
            """
            INSERT INTO appeals_appealevent (appeal_id, action, created_at, from_status,
                to_status, from_agency_id, to_agency_id, comment, data)
            SELECT a.id, 'appeal.forwarded', s.received_at, '', 'submitted',
                   s.forwarded_from_id, s.agency_id, '', '{"imported": true}'::jsonb
            FROM import_stage s JOIN appeals_appeal a ON a.reference = s.reference
            WHERE s.forwarded_from_id IS NOT NULL
            """
        )
    return int(imported)


def _rows(path: str) -> Iterator[tuple[int, dict[str, str]]]:
    with open(path, newline="", encoding="utf-8-sig") as source:
        reader = csv.DictReader(source)
        missing = set(REQUIRED) - set(reader.fieldnames or ())
        if missing:
            raise RowError("header", f"missing columns {', '.join(sorted(missing))}")
        yield from enumerate(reader, start=2)


class _Stage:
    """The checked rows, written to a CSV file for COPY; numbered in blocks when they
    bring no reference of their own."""

    def __init__(self, file: IO[str], report: ImportReport, *, skip_invalid: bool) -> None:
        self.file, self.writer, self.report = file, csv.writer(file), report
        self.skip_invalid = skip_invalid
        self.pending: list[dict[str, Any]] = []  # rows waiting for a reference number
        self.seen_references: set[str] = set()
        self.lookups = Lookups()

    def add(self, line: int, row: dict[str, str]) -> None:
        try:
            values = {"line": line, **clean_row(row, self.lookups)}
        except RowError as error:
            self.report.errors.append(f"line {line}: {error}")
            return
        reference = values["reference"]
        if reference in self.seen_references:
            self.report.errors.append(f"line {line}: reference: appears twice in the file")
        elif reference:
            self.seen_references.add(reference)
            self.writer.writerow([copy_value(values[c]) for c in STAGE_COLUMNS])
        elif not self.report.errors or self.skip_invalid:  # numbers only for rows that may load
            self.pending.append(values)
            if len(self.pending) >= 10_000:
                self.flush()

    def flush(self) -> None:
        numbers = next_reference_numbers(len(self.pending)) if self.pending else []
        for values, number in zip(self.pending, numbers, strict=True):
            year = values["received_at"].astimezone(ALMATY).year
            values["reference"] = format_reference(values["prefix"], year, number)
            self.writer.writerow([copy_value(values[c]) for c in STAGE_COLUMNS])
        self.pending.clear()


def appeals_import(
    path: str, *, skip_invalid: bool = False, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Check every row, stage the good ones in a file, then load them in one transaction.

    Rows stream through: memory does not grow with the file.
    """
    report = ImportReport()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as file:
        stage = _Stage(file, report, skip_invalid=skip_invalid)
        try:
            for line, row in _rows(path):
                report.rows += 1
                if progress and report.rows % 10_000 == 0:
                    progress(report.rows)
                stage.add(line, row)
        except RowError as error:
            report.errors.append(str(error))
            return report
        if report.errors and not skip_invalid:
            return report
        stage.flush()
        file.seek(0)
        _load(file, report, skip_invalid=skip_invalid)
    return report


def _load(file: IO[str], report: ImportReport, *, skip_invalid: bool) -> None:
    with transaction.atomic():
        # One big load: do not wait for each WAL flush; a crash loses the whole import,
        # never half of it.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
        taken = _stage(file)
        report.errors += [f"line {line}: reference: already used" for line in taken]
        if taken and not skip_invalid:
            transaction.set_rollback(True)
            return
        report.imported = _move_into_place(_import_user().pk)


def terminal_progress(total: int, out: IO[str] = sys.stderr) -> Callable[[int], None]:
    """A progress bar on a terminal; silence when the output is a file or a pipe."""
    if not out.isatty():
        return lambda done: None

    def show(done: int) -> None:
        filled = int(30 * done / max(total, 1))
        out.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,} rows")
        out.flush()

    return show


def count_rows(path: str) -> int:
    with open(path, "rb") as source:
        return max(
            0, sum(chunk.count(b"\n") for chunk in iter(lambda: source.read(1 << 20), b"")) - 1
        )
