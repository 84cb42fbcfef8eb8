"""The published figures' arithmetic, apart from the SQL that sums the counts: rates as
exact fractions, their 95 % Wilson intervals, and ranks where equal rates share a place.
What each count means: docs/rankings.md."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

Z95 = 1.959963984540054
# The counts kept in ratings_unittally and summed per period: fields of UnitFigures.
TALLY_COUNTS = (
    "received", "withdrawn", "answered", "terminated", "answered_on_time", "complained",
    "complained_open", "overturned", "rated", "dissatisfied", "formal", "forwarded_out",
    "forwarded_in", "late_forwards", "returned_forwards", "open", "warned",
)  # fmt: skip


# Decimals of the open data (exports and API): a rate to 0.01 of a percentage point, days
# to a hundredth. Stored figures keep the full float; rounding them here drops its noise
# (0.9999999999999999, 5.55e-17).
RATE_DECIMALS, DAYS_DECIMALS = 4, 2


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


def rate_fields(name: str, successes: int, total: int) -> dict[str, float | None]:
    """A rate and its interval, as the ranking row's columns `name`, `name_low`, `name_high`."""
    interval = wilson(successes, total)
    return {
        name: successes / total if total else None,
        f"{name}_low": interval[0] if interval else None,
        f"{name}_high": interval[1] if interval else None,
    }


@dataclass
class UnitFigures:
    unit_id: int
    received: int = 0
    withdrawn: int = 0
    answered: int = 0  # on the merits
    terminated: int = 0  # left without consideration
    answered_on_time: int = 0  # answers and terminations by the deadline
    overdue_open: int = 0
    complained: int = 0
    complained_open: int = 0  # of the complained, those open now: not published
    overturned: int = 0
    rated: int = 0
    dissatisfied: int = 0
    formal: int = 0
    median_days_to_answer: float | None = None
    forwarded_out: int = 0
    forwarded_in: int = 0
    late_forwards: int = 0
    returned_forwards: int = 0
    open: int = 0  # still open now, past the deadline or not: not published
    warned: int = 0  # answered on the merits over a warning of the answer check

    @property
    def answer_base(self) -> int:
        """Received less withdrawn: what the answer and termination rates divide."""
        return self.received - self.withdrawn

    @property
    def closed(self) -> int:
        """Answered on the merits or left without consideration."""
        return self.answered + self.terminated

    @property
    def complaint_base(self) -> int:
        """The answers complaints are counted per: the appeals closed, and the open ones a
        complaint was sent about (sent back after one, or silent past the deadline)."""
        return self.closed + self.complained_open

    def rates(self) -> dict[str, tuple[int, int]]:
        """Each published rate as (successes, total), by its column's name."""
        return {
            "answer_rate": (self.answered, self.answer_base),
            "termination_rate": (self.terminated, self.answer_base),
            "on_time_rate": (self.answered_on_time, self.closed),
            "complaint_rate": (self.complained, self.complaint_base),
            "overturn_rate": (self.overturned, self.complaint_base),
            "dissatisfaction_rate": (self.dissatisfied, self.rated),
            "formal_rate": (self.formal, self.rated),
            "warned_rate": (self.warned, self.answered),
        }

    def answer_rate(self) -> Fraction | None:
        return Fraction(self.answered, self.answer_base) if self.answer_base else None

    def dissatisfaction_rate(self) -> Fraction | None:
        return Fraction(self.dissatisfied, self.rated) if self.rated else None


def competition_ranks(scores: dict[int, Fraction], *, higher_is_better: bool) -> dict[int, int]:
    """1, 2, 2, 4 …: equal scores share a rank, and the next rank skips."""
    ordered = sorted(scores.items(), key=lambda item: item[1], reverse=higher_is_better)
    ranks: dict[int, int] = {}
    for position, (unit_id, score) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        same = previous is not None and previous[1] == score
        ranks[unit_id] = ranks[previous[0]] if same and previous else position
    return ranks
