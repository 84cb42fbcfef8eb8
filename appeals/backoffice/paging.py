from __future__ import annotations

from functools import cached_property
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet

# Past this many rows a queue says "more than 10 000" instead of counting millions.
COUNT_LIMIT = 10_000


class BoundedPaginator(Paginator):
    """Counts at most COUNT_LIMIT + 1 rows: `SELECT count(*) FROM (… LIMIT 10001)`."""

    @cached_property
    def count(self) -> int:
        # Unordered: the count needs no sort, and a queue over several statuses has no
        # index that yields its order, so an ordered count would sort every matching row.
        bounded = cast(QuerySet[Any], self.object_list).order_by()[: COUNT_LIMIT + 1]
        return bounded.count()
