"""Past meetings and their questions from a CSV file, so that published figures can be
reproduced from counts (docs/receptions.md, "Importing past meetings").

One row per question, or a meeting's row with no question. Imported rows hold no citizen's
name and no question's text, and are marked `imported`. Every row is checked and an error
names its line and column; by default a file with any bad row imports nothing. Rows stream
into two staging files, loaded in one transaction (receptions/importing_load.py).
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, Category, Region
from agencies.workdays import ALMATY
from core.copying import iso_moment
from receptions.models import Meeting, Question

MEETING_COLUMNS = (
    "agency_code", "kind", "starts_at", "ends_at", "official_name", "official_post",
    "region_code", "locality", "status", "not_held_reason", "target_group", "attendance",
)  # fmt: skip
QUESTION_COLUMNS = ("question_category_code", "question_locality", "outcome", "forwarded_to_code")
COLUMNS = ("meeting_ref", *MEETING_COLUMNS, *QUESTION_COLUMNS)
REQUIRED = ("meeting_ref", "agency_code", "kind", "starts_at", "official_name", "status")
LIMITS = {
    "meeting_ref": 100, "official_name": 200, "official_post": 200, "locality": 200,
    "not_held_reason": 2000, "question_locality": 200,
}  # fmt: skip
MAX_FILE_BYTES = 1 << 30
MAX_ROW_CHARS = 8_000
MAX_ERRORS_KEPT = 1_000  # the rest are counted, so a bad big file takes no more memory
BARE_DATE_TIME = datetime.time(10)  # a meeting given by its date alone: 10:00 in Almaty
DEFAULT_LENGTH = datetime.timedelta(hours=2)
FALLBACK_CATEGORY = "other"


@dataclass
class ImportReport:
    rows: int = 0
    meetings: int = 0
    questions: int = 0
    skipped: int = 0  # meetings imported before, by their meeting_ref
    error_count: int = 0
    errors: list[str] = field(default_factory=list)

    def error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(message)


class RowError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(column, message)
        self.column, self.message = column, message

    def at(self, line: int) -> str:
        return _("line %(line)s: %(column)s: %(message)s") % {
            "line": line, "column": self.column, "message": self.message,
        }  # fmt: skip


class Lookups:
    """Codes to ids, loaded once: reference data is small."""

    def __init__(self) -> None:
        self.agencies = dict(Agency.objects.values_list("code", "pk"))
        self.agency_regions = dict(Agency.objects.values_list("pk", "region_id"))
        self.categories = dict(Category.objects.values_list("code", "pk"))
        self.regions = dict(Region.objects.values_list("code", "pk"))
        self.now = timezone.now()


def _value(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    return value.strip() if isinstance(value, str) else ""


def _lookup(table: dict[str, int], column: str, value: str) -> int:
    if value not in table:
        raise RowError(column, _("unknown code “%(value)s”") % {"value": value})
    return table[value]


def _choice(column: str, value: str, choices: list[str]) -> str:
    if value not in choices:
        raise RowError(column, _("one of %(choices)s") % {"choices": ", ".join(choices)})
    return value


def _moment(column: str, value: str) -> datetime.datetime:
    """ISO 8601 date or date-time; a bare date is 10:00 that day, a naive time Almaty's."""
    try:
        return iso_moment(value, ALMATY, BARE_DATE_TIME)
    except ValueError:
        message = _("not an ISO 8601 date or date-time: “%(value)s”") % {"value": value}
        raise RowError(column, message) from None


def check_row(row: dict[str, Any]) -> None:
    """What any row must be, whatever it holds: no field past the header, no giant."""
    if None in row:
        raise RowError("row", _("more fields than the header has"))
    if sum(len(value or "") for value in row.values()) > MAX_ROW_CHARS:
        message = _("longer than %(limit)s characters") % {"limit": f"{MAX_ROW_CHARS:,}"}
        raise RowError("row", message)
    for column in REQUIRED:
        if not _value(row, column):
            raise RowError(column, _("required"))
    for column, limit in LIMITS.items():
        if len(_value(row, column)) > limit:
            raise RowError(column, _("longer than %(limit)s characters") % {"limit": limit})


def meeting_values(row: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    """The meeting's columns of a row as the stage table's values, or a RowError."""
    agency_id = _lookup(lookups.agencies, "agency_code", _value(row, "agency_code"))
    kind = _choice("kind", _value(row, "kind"), Meeting.Kind.values)
    status = _choice("status", _value(row, "status"), Meeting.Status.values)
    region = _value(row, "region_code")
    region_id = (
        _lookup(lookups.regions, "region_code", region)
        if region
        else lookups.agency_regions.get(agency_id)
    )
    if region_id is None:
        raise RowError("region_code", _("required for a body without a region"))
    return {
        "agency_id": agency_id,
        "kind": kind,
        "status": status,
        "official_name": _value(row, "official_name"),
        "official_post": _value(row, "official_post"),
        "region_id": region_id,
        "locality": _value(row, "locality"),
        "target_group": _target_group(row, kind),
        **_times(row, status, lookups.now),
        "not_held_reason": _reason(row, status),
        "attendance": _attendance(row),
    }


def _times(row: dict[str, Any], status: str, now: datetime.datetime) -> dict[str, Any]:
    starts_at = _moment("starts_at", _value(row, "starts_at"))
    ends = _value(row, "ends_at")
    ends_at = _moment("ends_at", ends) if ends else starts_at + DEFAULT_LENGTH
    if ends_at <= starts_at:
        raise RowError("ends_at", _("not later than starts_at"))
    if status != Meeting.Status.PLANNED and starts_at > now:
        raise RowError("status", _("only a planned meeting can be in the future"))
    return {"starts_at": starts_at, "ends_at": ends_at}


def _target_group(row: dict[str, Any], kind: str) -> str:
    group = _value(row, "target_group")
    if group:
        return _choice("target_group", group, Meeting.TargetGroup.values)
    if kind == Meeting.Kind.TARGET_GROUP:
        raise RowError("target_group", _("required for a meeting with a target group"))
    return ""


def _reason(row: dict[str, Any], status: str) -> str:
    reason = _value(row, "not_held_reason")
    if status == Meeting.Status.NOT_HELD and not reason:
        raise RowError("not_held_reason", _("required for a meeting not held"))
    if reason and status != Meeting.Status.NOT_HELD:
        raise RowError("not_held_reason", _("only a meeting not held has one"))
    return reason


def _attendance(row: dict[str, Any]) -> int | None:
    value = _value(row, "attendance")
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        raise RowError("attendance", _("a whole number, 0 or more"))
    return int(value)


def has_question(row: dict[str, Any]) -> bool:
    return any(_value(row, column) for column in QUESTION_COLUMNS)


def question_values(
    row: dict[str, Any], lookups: Lookups, meeting: dict[str, Any]
) -> dict[str, Any]:
    """The question of a row, raised at `meeting` (its stage values), or a RowError."""
    if meeting["status"] != Meeting.Status.HELD:
        raise RowError("outcome", _("only a held meeting has questions"))
    outcome = _value(row, "outcome")
    if not outcome:
        raise RowError("outcome", _("required in a row with a question"))
    _choice("outcome", outcome, Question.Outcome.values)
    category = _value(row, "question_category_code") or FALLBACK_CATEGORY
    forwarded_to = _value(row, "forwarded_to_code")
    if forwarded_to and outcome != Question.Outcome.FORWARDED:
        raise RowError("forwarded_to_code", _("only a forwarded question has one"))
    return {
        "category_id": _lookup(lookups.categories, "question_category_code", category),
        "region_id": meeting["region_id"],
        "locality": _value(row, "question_locality") or meeting["locality"],
        "outcome": outcome,
        "forwarded_to_id": _lookup(lookups.agencies, "forwarded_to_code", forwarded_to)
        if forwarded_to
        else None,
        "recorded_at": meeting["ends_at"],
    }


def conflict(row: dict[str, Any], first: tuple[int, tuple[str, ...]]) -> RowError | None:
    """A row whose meeting's columns differ from the first row of its meeting_ref."""
    line, values = first
    for column, value in zip(MEETING_COLUMNS, values, strict=True):
        if _value(row, column) != value:
            message = _("differs from line %(line)s of the same meeting_ref") % {"line": line}
            return RowError(column, message)
    return None


def meeting_key(row: dict[str, Any]) -> tuple[str, ...]:
    return tuple(_value(row, column) for column in MEETING_COLUMNS)


def read_rows(path: str, max_bytes: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, row) of a UTF-8 CSV file with a header; a BOM is allowed."""
    with open(path, "rb") as probe:
        probe.seek(0, 2)
        if probe.tell() > max_bytes:
            message = _("larger than %(limit)s bytes") % {"limit": f"{max_bytes:,}"}
            raise RowError("file", message)
    with open(path, newline="", encoding="utf-8-sig") as source:
        reader = csv.DictReader(source)
        try:
            header = reader.fieldnames or []
        except UnicodeDecodeError:
            raise RowError("file", _("not UTF-8 text")) from None
        missing = [column for column in REQUIRED if column not in header]
        if missing:
            message = _("missing columns %(columns)s") % {"columns": ", ".join(missing)}
            raise RowError("header", message)
        yield from _numbered(reader)


def _numbered(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise RowError(
                "file", _("not UTF-8 text (near line %(line)s)") % {"line": line}
            ) from None
        except csv.Error as error:
            raise RowError("file", _("not valid CSV near line %(line)s: %(error)s") % {
                "line": line, "error": error}) from None  # fmt: skip
        yield reader.line_num, row
