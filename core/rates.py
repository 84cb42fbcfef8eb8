"""The arithmetic of published rates, shared by the rankings and the meetings' figures:
95 % Wilson intervals, rounding for the open data, ranks where equal rates share a place,
and CSV cells kept from running as formulas. What each figure means: docs/rankings.md,
docs/receptions.md."""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

Z95 = 1.959963984540054
# Decimals of the open data (exports and API): a rate to 0.01 of a percentage point, days
# to a hundredth. Stored figures keep the full float; rounding them here drops its noise
# (0.9999999999999999, 5.55e-17).
RATE_DECIMALS, DAYS_DECIMALS = 4, 2

Key = TypeVar("Key", bound=Hashable)
# A spreadsheet runs a cell that opens like a formula ("CSV injection"). Names are free
# text edited by administrators, so a text cell opening one is kept as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def published(value: object, decimals: int = RATE_DECIMALS) -> object:
    """A float rounded for publication (never -0.0); any other value as it is."""
    if not isinstance(value, float):
        return value
    return round(value, decimals) + 0.0  # adding 0.0 turns -0.0 into 0.0


def wilson(successes: int, total: int) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of successes / total, or None when total is 0."""
    if total == 0:
        return None
    p = successes / total
    z2 = Z95 * Z95
    denominator = 1 + z2 / total
    centre = (p + z2 / (2 * total)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Rate:
    """A rate with its 95 % Wilson interval, as a page shows it."""

    value: float
    low: float
    high: float

    @classmethod
    def judged(cls, successes: int, total: int, *, below_minimum: bool) -> Rate | None:
        """The rate, or None below the minimum of cases or with nothing to divide."""
        interval = wilson(successes, total)
        if below_minimum or interval is None:
            return None
        return cls(successes / total, *interval)

    @property
    def percent(self) -> str:
        return f"{100 * self.value:.1f} %"

    @property
    def interval(self) -> str:
        return f"{100 * self.low:.1f} – {100 * self.high:.1f} %"


def rate_fields(name: str, successes: int, total: int) -> dict[str, float | None]:
    """A rate and its interval, as the ranking row's columns `name`, `name_low`, `name_high`."""
    interval = wilson(successes, total)
    return {
        name: successes / total if total else None,
        f"{name}_low": interval[0] if interval else None,
        f"{name}_high": interval[1] if interval else None,
    }


def competition_ranks(scores: dict[Key, Fraction], *, higher_is_better: bool) -> dict[Key, int]:
    """1, 2, 2, 4 …: equal scores share a rank, and the next rank skips."""
    ordered = sorted(scores.items(), key=lambda item: item[1], reverse=higher_is_better)
    ranks: dict[Key, int] = {}
    for position, (key, score) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        same = previous is not None and previous[1] == score
        ranks[key] = ranks[previous[0]] if same and previous else position
    return ranks


def as_spreadsheet_text(value: object) -> object:
    """A CSV cell that a spreadsheet will show, never run."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
