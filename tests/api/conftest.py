from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle_counts() -> Iterator[None]:
    """Throttle counts live in Redis and outlive a test: start each API test from zero."""
    cache.clear()
    yield
    cache.clear()
