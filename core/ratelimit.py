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
    now = time.time()
    key, retry_after = window_key(name, window, now), window - int(now % window)
    try:
        cache.add(key, 0, timeout=2 * window)
        total = cache.incr(key, amount)
        if total > limit:
            cache.decr(key, amount)
    except (RedisError, ValueError) as error:  # ValueError: the counter vanished meanwhile
        logger.warning("Rate limit counter unavailable, %s not counted: %s", name, error)
        return Verdict(allowed=True, retry_after=retry_after)
    return Verdict(allowed=total <= limit, retry_after=retry_after)


def rates_take(takes: list[tuple[str, int]], *, window: int) -> Verdict:
    """One place of each (name, limit) pair at once, in one round trip to Redis: a hot path
    (signing a petition) pays for one call, not two per limit. Refused: every place taken
    is given back. Redis away: the request passes, as with rate_take."""
    now = time.time()
    keys = [cache.make_and_validate_key(window_key(name, window, now)) for name, _ in takes]
    retry_after = window - int(now % window)
    try:
        client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
        pipeline = client.pipeline(transaction=False)
        for key in keys:
            pipeline.set(key, 0, nx=True, ex=2 * window)
            pipeline.incr(key)
        totals = pipeline.execute()[1::2]
        allowed = all(total <= limit for total, (_, limit) in zip(totals, takes, strict=True))
        if not allowed:
            pipeline = client.pipeline(transaction=False)
            for key in keys:
                pipeline.decr(key)
            pipeline.execute()
    except RedisError as error:
        logger.warning("Rate limit counters unavailable, %s not counted: %s", keys, error)
        return Verdict(allowed=True, retry_after=retry_after)
    return Verdict(allowed=allowed, retry_after=retry_after)
