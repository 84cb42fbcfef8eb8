"""The rankings' arithmetic, apart from the SQL that sums the counts: each unit's figures
and its rates as exact fractions. Wilson intervals, rounding and ranks are in
core/rates.py, shared with the meetings' figures. What each count means: docs/rankings.md."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

# Moved to core so that the meetings' figures share them; re-exported for the rankings.
from core.rates import DAYS_DECIMALS as DAYS_DECIMALS
from core.rates import RATE_DECIMALS as RATE_DECIMALS
from core.rates import Z95 as Z95
from core.rates import competition_ranks as competition_ranks
from core.rates import published as published
from core.rates import rate_fields as rate_fields
from core.rates import wilson as wilson

# The counts kept in ratings_unittally and summed per period: fields of UnitFigures.
TALLY_COUNTS = (
    "received", "withdrawn", "answered", "terminated", "answered_on_time", "complained",
    "complained_open", "overturned", "rated", "dissatisfied", "formal", "forwarded_out",
    "forwarded_in", "late_forwards", "returned_forwards", "open", "warned",
)  # fmt: skip


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
