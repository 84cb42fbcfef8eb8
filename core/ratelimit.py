"""Limits per person and time window, counted in Redis so that every process shares them.

One counter per name and window (a clock hour, say), taken with INCRBY: atomic, so two
requests at once can never both take the last place, as a read-then-write count can.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends and the count starts again


def window_key(name: str, window: int, at: float) -> str:
    """The counter of `name` for the window that holds the moment `at`. It outlives its
    window, so it never expires while counted (INCR on an expired key would make a counter
    that never expires)."""
    return f"{name}:{int(at // window)}"


def rate_take(name: str, *, amount: int, limit: int, window: int) -> Verdict:
    """Takes `amount` of the `limit` places `name` has in the current window.

    Refused places are given back, so a refusal costs nothing. If Redis cannot be reached
    the request passes: what it does matters more than counting it.
    """
    return rates_take([(name, limit)], window=window, amount=amount)


def rates_take(takes: list[tuple[str, int]], *, window: int, amount: int = 1) -> Verdict:
    """`amount` places of each (name, limit) pair at once, in one round trip to Redis: a
    hot path (sending an appeal, signing a petition) pays for one call, not three per limit.
    Refused: every place taken is given back. Redis away: the request passes."""
    now = time.time()
    keys = [cache.make_and_validate_key(window_key(name, window, now)) for name, _ in takes]
    retry_after = window - int(now % window)
    try:
        client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
        pipeline = client.pipeline(transaction=False)
        for key in keys:
            pipeline.set(key, 0, nx=True, ex=2 * window)
            pipeline.incrby(key, amount)
        totals = pipeline.execute()[1::2]
        allowed = all(total <= limit for total, (_, limit) in zip(totals, takes, strict=True))
        if not allowed:
            pipeline = client.pipeline(transaction=False)
            for key in keys:
                pipeline.decrby(key, amount)
            pipeline.execute()
    except RedisError as error:
        logger.warning("Rate limit counters unavailable, %s not counted: %s", keys, error)
        return Verdict(allowed=True, retry_after=retry_after)
    return Verdict(allowed=allowed, retry_after=retry_after)
