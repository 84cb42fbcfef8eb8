from __future__ import annotations

from typing import Any

import pytest

from tests.ratings.dataset import load_data_set


@pytest.fixture
def data(settings: Any) -> None:
    """The hand-computed data set (see tests/ratings/dataset.py)."""
    load_data_set(settings)
