"""Reading the import's CSV file: its header, then each record as one line for COPY.

Only what SQL cannot check is checked here: a record's shape, its encoding and its size.
Everything else is checked by the server (appeals/importing_checks.py).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import IO

from django.utils.translation import gettext as _

from agencies.workdays import ALMATY
from core.copying import iso_moment

COLUMNS = (
    "reference", "type", "agency", "category", "region", "received_at", "status",
    "answered_at", "due_at", "satisfied", "forwarded_from",
)  # fmt: skip
REQUIRED = ("type", "agency", "received_at", "status")
TIMES = ("received_at", "answered_at", "due_at")  # staged also as read, as moment_<column>
_TIMES = [COLUMNS.index(column) for column in TIMES]
MAX_ROW_CHARS = 1_000  # codes and times: a longer row is no row of ours
MAX_ERRORS_KEPT = 1_000  # the rest are counted, so a bad big file takes no more memory
# A NUL, or bytes the decoder could not read (kept as surrogates: surrogateescape).
_UNREADABLE = re.compile("[\x00\udc80-\udcff]")
# A date-time with its offset in ISO 8601's extended form: PostgreSQL reads it as Python
# does, so it passes as written. Other forms Python reads (week dates, basic form, commas)
# are rewritten.
_PLAIN_MOMENT = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)\Z")
_CHUNK_ROWS = 1_000


class FileError(ValueError):
    """The file cannot be read at all: nothing is imported."""


class Reading:
    """What reading found: the records read, and the refused ones as (line, message), the
    first MAX_ERRORS_KEPT kept, all counted."""

    def __init__(self) -> None:
        self.rows = 0
        self.errors: list[tuple[int, str]] = []
        self.error_count = 0

    def refuse(self, line: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append((line, at_line(line, column, message)))


def at_line(line: int, column: str, message: str) -> str:
    return _("line %(line)s: %(column)s: %(message)s") % {
        "line": line, "column": column, "message": message,
    }  # fmt: skip


def header_positions(reader: Iterator[list[str]]) -> tuple[list[int], int]:
    """Where each of COLUMNS sits in the header (-1: absent), and the header's width;
    a FileError names the required columns it lacks."""
    try:
        header = [name.strip() for name in next(reader, [])]
    except csv.Error as error:
        message = _("not valid CSV: %(error)s") % {"error": error}
        raise FileError(at_line(1, "header", message)) from None
    missing = sorted(set(REQUIRED) - set(header))
    if missing:
        message = _("missing columns %(columns)s") % {"columns": ", ".join(missing)}
        raise FileError(at_line(1, "header", message))
    return [header.index(column) if column in header else -1 for column in COLUMNS], len(header)


def records(
    reader: Iterator[list[str]],
    header: tuple[list[int], int],
    reading: Reading,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """(line, the COLUMNS' stripped values and the TIMES read) of each record that may be
    staged; the others are refused in `reading`. `reader` is a csv.reader: line_num is the
    record's last line. A million records a run: the loop is kept to what each needs."""
    positions, width = header
    # A column the header lacks reads the empty field put after every record.
    picked = itemgetter(*[i if i >= 0 else width for i in positions])
    for row in reader:
        if not row:  # a blank line is no record
            continue
        reading.rows += 1
        if progress and reading.rows % 10_000 == 0:
            progress(reading.rows)
        problem = _shape(row, width)
        if problem:
            reading.refuse(reader.line_num, "row", problem)  # type: ignore[attr-defined]
            continue
        row += [""] * (width - len(row) + 1)
        values = [value.strip() for value in picked(row)]
        yield reader.line_num, values + [_moment(values[i]) for i in _TIMES]  # type: ignore[attr-defined]


def _moment(value: str) -> str:
    """A time as PostgreSQL reads it without doubt, or empty when there is none or it is no
    time (the server then names the raw value)."""
    if not value:
        return ""
    try:
        moment = iso_moment(value, ALMATY, datetime.time.min)  # a date: its start
    except ValueError:
        return ""
    return value if _PLAIN_MOMENT.match(value) else moment.isoformat()


def _shape(row: list[str], width: int) -> str | None:
    if len(row) > width and any(row[width:]):
        return _("more fields than the header has")
    text = "".join(row)
    if len(text) > MAX_ROW_CHARS:
        return _("longer than %(limit)s characters") % {"limit": f"{MAX_ROW_CHARS:,}"}
    if not _UNREADABLE.search(text):
        return None
    if "\x00" in text:
        return _("contains a NUL character")
    return _("not UTF-8 text")


def open_csv(path: str) -> IO[str]:
    # Undecodable bytes are kept as surrogates, so that their record alone is refused.
    return open(path, newline="", encoding="utf-8-sig", errors="surrogateescape")


class CopyStream(io.TextIOBase):
    """Records as CSV text for COPY … FROM STDIN, produced as COPY reads them: the file is
    never held in memory. A csv.Error ends the stream and is kept in `failure`."""

    def __init__(self, rows: Iterator[tuple[int, list[str]]], reader: Iterator[list[str]]):
        self.rows, self.reader = rows, reader
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")
        self.pending = ""
        self.failure: FileError | None = None

    def read(self, size: int | None = -1) -> str:
        while size is None or size < 0 or len(self.pending) < size:
            chunk = self._chunk()
            if not chunk:
                break
            self.pending += chunk
        if size is None or size < 0:
            size = len(self.pending)
        out, self.pending = self.pending[:size], self.pending[size:]
        return out

    def _chunk(self) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        try:
            for _count, (line, values) in zip(range(_CHUNK_ROWS), self.rows, strict=False):
                self.writer.writerow([line, *values])
        except csv.Error as error:
            # Raised here, it would reach the caller as PostgreSQL's "COPY failed".
            line = self.reader.line_num  # type: ignore[attr-defined]
            message = _("not valid CSV: %(error)s") % {"error": error}
            self.failure = FileError(at_line(line, "row", message))
            return ""
        return self.buffer.getvalue()
