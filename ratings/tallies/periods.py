"""A period of receipt days as signed pieces of tally rows, each whole at its grain: the
rows of the pieces, each counted with its sign, are exactly the rows of the period's days.
Why and how: docs/rankings.md."""

from __future__ import annotations

import datetime

from ratings.models import Grain

# A span of tally rows: grain, first day (None: the beginning), day after (None: the end of
# time), and the sign its rows are counted with.
Piece = tuple[str, datetime.date | None, datetime.date | None, int]
# What a piece costs to read, per year, month or day it spans: a day holds nearly as many
# tally rows as a month or a year (the keys repeat), but not quite.
COST = {Grain.YEAR: 1.0, Grain.MONTH: 1.0, Grain.DAY: 0.5}


def truncate(day: datetime.date, grain: Grain) -> datetime.date:
    """The first day of the grain's span that holds `day`."""
    if grain == Grain.YEAR:
        return day.replace(month=1, day=1)
    if grain == Grain.MONTH:
        return day.replace(day=1)
    return day


def following(start: datetime.date, grain: Grain) -> datetime.date:
    """The first day of the next span of the grain."""
    if grain == Grain.YEAR:
        return start.replace(year=start.year + 1, month=1, day=1)
    if grain == Grain.MONTH:
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start + datetime.timedelta(days=1)


def cover(
    start: datetime.date | None,
    end: datetime.date,
    grains: tuple[Grain, ...] = (Grain.YEAR, Grain.MONTH),
) -> list[Piece]:
    """[start, end) as signed pieces, each whole at its grain: the rows of the pieces, each
    counted with its sign, are exactly the rows of the days in [start, end). Start None is
    the beginning of time.

    Whole years and months inside are read as such. At an edge that cuts a year or a month,
    either what lies inside it is read, at the finer grains, or the whole year or month
    less what lies outside it, whichever costs less (COST): the year to date is this year
    less the rest of this month, plus this month's days so far. From the beginning, it is
    the rows of every day (the grain "all") less the days from `end` on: none yet, when
    the end is tomorrow.
    """
    if start is None:
        after = _cover(end, None, grains)
        return _merged([(Grain.ALL.value, None, None, 1), *_negated(after)])
    return _merged(_cover(start, end, grains))


def _cover(
    start: datetime.date, end: datetime.date | None, grains: tuple[Grain, ...]
) -> list[Piece]:
    """[start, end) as signed pieces; end None is the end of time."""
    if end is not None and start >= end:
        return []
    if not grains:
        return [(Grain.DAY.value, start, end, 1)]
    grain, finer = grains[0], grains[1:]
    if end is not None and truncate(start, grain) == truncate(end, grain):
        return _cheapest(  # within one year (month): what is inside, or all of it less the rest
            _cover(start, end, finer),
            _around(truncate(start, grain), grain, (start, end), finer),
        )
    low = truncate(start, grain)
    left: list[Piece] = []
    if low != start:
        low = following(truncate(start, grain), grain)
        left = _cheapest(
            _cover(start, low, finer), _around(truncate(start, grain), grain, (start, low), finer)
        )
    if end is None:  # every year (month) after
        return [*left, (grain, low, None, 1)]
    high = truncate(end, grain)
    whole: list[Piece] = [(grain, low, high, 1)] if low < high else []
    right: list[Piece] = []
    if high != end:
        right = _cheapest(_cover(high, end, finer), _around(high, grain, (high, end), finer))
    return [*left, *whole, *right]


def _around(
    first: datetime.date,
    grain: Grain,
    inside: tuple[datetime.date, datetime.date],
    finer: tuple[Grain, ...],
) -> list[Piece]:
    """The whole span of the grain from `first`, less what lies outside the part inside."""
    after = following(first, grain)
    low, high = inside
    outside = [*_cover(first, low, finer), *_cover(high, after, finer)]
    return [(grain, first, after, 1), *_negated(outside)]


def _negated(pieces: list[Piece]) -> list[Piece]:
    return [(grain, low, high, -sign) for grain, low, high, sign in pieces]


def _cheapest(*choices: list[Piece]) -> list[Piece]:
    return min(choices, key=lambda pieces: sum(_cost(piece) for piece in pieces))


def _cost(piece: Piece) -> float:
    grain, low, high, _ = piece
    if low is None or high is None:
        return COST[Grain(grain)]
    if grain == Grain.DAY:
        spans = (high - low).days
    elif grain == Grain.MONTH:
        spans = (high.year - low.year) * 12 + high.month - low.month
    else:
        spans = high.year - low.year
    return spans * COST[Grain(grain)]


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Pieces of one grain and sign that meet, as one: one range of the table's key."""
    merged: list[Piece] = []
    for piece in sorted(pieces, key=lambda p: (p[0], p[3], p[1] or datetime.date.min)):
        if merged:
            grain, low, high, sign = merged[-1]
            if (grain, sign, high) == (piece[0], piece[3], piece[1]):
                merged[-1] = (grain, low, piece[2], sign)
                continue
        merged.append(piece)
    return merged
