"""Ids read from query strings and form fields, where any text may arrive."""

from __future__ import annotations

# Ids are PostgreSQL bigints (19 digits); Python will not even parse a number of 4 301.
MAX_ID_DIGITS = 18


def query_id(value: object) -> int | None:
    """The id `value` names, or None when it names none.

    Not `str.isdigit()`: that takes "²", which `int()` refuses, and numbers of any length.
    """
    text = "" if value is None else str(value)
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:
        return int(text)
    return None
