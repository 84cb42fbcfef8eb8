"""Values read from and written to the CSV files the imports stage for PostgreSQL's COPY."""

from __future__ import annotations

import datetime
from typing import Any


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
    in `zone`. ValueError when it is neither."""
    if len(value) == 10:
        return datetime.datetime.combine(
            datetime.date.fromisoformat(value), bare_date_at, tzinfo=zone
        )
    moment = datetime.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
