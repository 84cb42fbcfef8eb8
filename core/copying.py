"""Values read from and written to the CSV files the imports stage for PostgreSQL's COPY."""

from __future__ import annotations

import datetime
from typing import Any

_FURTHEST_OFFSET = datetime.timedelta(hours=16)  # PostgreSQL's timestamptz refuses from here
_NO_OFFSET = datetime.timedelta(0)


def copy_value(value: Any) -> str:
    """A value as a field of COPY … (FORMAT csv): empty for NULL, ISO 8601 for a time."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def iso_moment(value: str, zone: datetime.tzinfo, bare_date_at: datetime.time) -> datetime.datetime:
    """An ISO 8601 date or date-time; a bare date is `bare_date_at` that day, a naive time is
    in `zone`. ValueError when it is neither, or when its offset is one PostgreSQL refuses
    (such a value would fail the whole COPY, not its row)."""
    if len(value) == 10:
        return datetime.datetime.combine(
            datetime.date.fromisoformat(value), bare_date_at, tzinfo=zone
        )
    moment = datetime.datetime.fromisoformat(value)
    if not moment.tzinfo:
        return moment.replace(tzinfo=zone)
    if abs(moment.utcoffset() or _NO_OFFSET) >= _FURTHEST_OFFSET:
        raise ValueError(value)
    return moment
