"""Historical import: past appeals from a CSV file, so rankings start from real history.

Imported appeals carry no personal data (one system applicant, no subject or text) and
are marked `imported`. The file streams into a temporary table with COPY; the server
checks every row at once and names each bad row's line, column and rule; the good rows
move into place with one INSERT … SELECT per table. All in one transaction: by default a
file with any bad row imports nothing. How and what it costs: docs/workflow.md.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from accounts.models import User
from agencies.models import AppealType, Category
from appeals.importing_checks import classify, row_errors, stage_copy, stage_create
from appeals.importing_load import deadlines_stage, move_into_place, ready_stage
from appeals.importing_read import (
    COLUMNS,
    MAX_ERRORS_KEPT,
    CopyStream,
    FileError,
    Reading,
    header_positions,
    open_csv,
    records,
)

__all__ = ["COLUMNS", "ImportReport", "appeals_import", "count_rows", "terminal_progress"]
IMPORT_USER_EMAIL = "imported-records@otinish.invalid"


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    error_count: int = 0
    errors: list[str] = field(default_factory=list)  # the first MAX_ERRORS_KEPT, by line


def _import_user() -> User:
    user, _ = User.objects.get_or_create(
        email=IMPORT_USER_EMAIL,
        defaults={"full_name": "Imported records", "is_active": False,
                  "password": make_password(None)},
    )  # fmt: skip
    return user


def appeals_import(
    path: str, *, skip_invalid: bool = False, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Check every row, then load the good ones, in one transaction.

    Rows stream through: memory does not grow with the file.
    """
    report = ImportReport()
    try:
        with open_csv(path) as source, transaction.atomic():
            _import(source, report, skip_invalid=skip_invalid, progress=progress)
    except FileError as error:
        report.errors, report.error_count, report.imported = [str(error)], 1, 0
    return report


def _import(
    source: IO[str],
    report: ImportReport,
    *,
    skip_invalid: bool,
    progress: Callable[[int], None] | None,
) -> None:
    reader = csv.reader(source)
    reading = Reading()
    with connection.cursor() as cursor:
        # One big load: do not wait for each WAL flush; a crash loses the whole import,
        # never half of it. The checks' sorts and hashes get room to stay in memory.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        stage_create(cursor)
        rows = records(reader, header_positions(reader), reading, progress)
        stream = CopyStream(rows, reader)
        stage_copy(cursor, stream)
        if stream.failure:
            raise stream.failure
        classify(cursor, fallback_category=_fallback_category())
        _report_errors(cursor, reading, report)
        if report.error_count and not skip_invalid:
            transaction.set_rollback(True)
            return
        deadlines_stage(cursor)
        ready_stage(cursor)
        report.imported = move_into_place(cursor, _import_user().pk)


def _fallback_category() -> int | None:
    return Category.objects.filter(code="other").values_list("pk", flat=True).first()


def _report_errors(cursor: Any, reading: Reading, report: ImportReport) -> None:
    """The reader's errors and the server's, merged in line order."""
    type_codes = [t.code for t in AppealType.objects.all()]
    found, total = row_errors(cursor, type_codes, MAX_ERRORS_KEPT)
    merged = sorted(reading.errors + found, key=lambda error: error[0])
    report.rows = reading.rows
    report.error_count = reading.error_count + total
    report.errors = [message for _line, message in merged[:MAX_ERRORS_KEPT]]


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
