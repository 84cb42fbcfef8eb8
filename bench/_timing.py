"""Timings summarised as the benchmarks print them: count, median, p95, p99 and maximum,
in milliseconds (nearest rank), one rule for every program."""

from __future__ import annotations

import statistics
from collections.abc import Iterable


def spread_ms(ms: Iterable[float]) -> dict[str, float]:
    """The summary of timings already in milliseconds."""
    ordered = sorted(ms)
    at = lambda share: ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]  # noqa: E731
    return {
        "n": len(ordered), "p50": statistics.median(ordered), "p95": at(0.95),
        "p99": at(0.99), "max": ordered[-1],
    }  # fmt: skip
