"""The cache as a help, never a need: with Redis away, reads miss and writes are dropped,
and the pages that use it are only slower (the rankings page, its charts)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django makes a new redis.Redis for every cache call, copying its table of reply
    parsers each time; one client per connection pool serves every call (and thread) the
    same, for a fraction of the time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(  # type: ignore[attr-defined]
                connection_pool=pool
            )
        return client


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, answering a miss when Redis cannot be reached. Counters (incr,
    decr) still raise: the rate limiter decides what a lost count means."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._class = KeptClientRedisCacheClient

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except RedisError as error:
            logger.warning("Cache unavailable, read missed: %s", error)
            return default

    def has_key(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except RedisError as error:
            logger.warning("Cache unavailable, key taken as missing: %s", error)
            return False

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            logger.warning("Cache unavailable, reads missed: %s", error)
            return {}

    def set(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().set(*args, **kwargs)
        except RedisError as error:
            logger.warning("Cache unavailable, write dropped: %s", error)

    def set_many(self, *args: Any, **kwargs: Any) -> list[Any]:
        try:
            return super().set_many(*args, **kwargs)
        except RedisError as error:
            logger.warning("Cache unavailable, writes dropped: %s", error)
            return []

    def delete(self, *args: Any, **kwargs: Any) -> bool:
        try:
            return super().delete(*args, **kwargs)
        except RedisError as error:
            logger.warning("Cache unavailable, delete dropped: %s", error)
            return False
