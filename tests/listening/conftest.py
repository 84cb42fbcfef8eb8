"""The listening tests read the services' refusals in English, whatever the default language;
pages choose theirs from each request's Accept-Language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _refusals_in_english() -> Iterator[None]:
    with translation.override("en"):
        yield
