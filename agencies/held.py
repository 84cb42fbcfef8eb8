"""Reference rows each process keeps for a few seconds, so that sending an appeal reads its
type, topic, region, addressee and the calendar's exceptions, and the form its lists,
without a query each.

A save or delete through the ORM forgets this process's copies at once and again when its
transaction commits; other processes, and changes made by `.update()` or SQL, are seen
within REFERENCE_HOLD_SECONDS. A held row is shared by requests: read it, never change it.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import translation

from agencies.models import Agency, AppealType, Category, Region

# Only rows that exist are kept, so the tables' sizes bound this; the cap is a second fence.
_MOST_KEPT = 10_000
_ALL: list[HeldRows | HeldSpan | HeldResults] = []


class HeldRows:
    """The rows of one queryset's terms, found by a lookup and kept for a while."""

    def __init__(self, queryset: Callable[[], models.QuerySet[Any]]) -> None:
        self.queryset = queryset
        self.kept: dict[tuple[Any, ...], tuple[float, Any]] = {}
        _ALL.append(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> HeldRows:
        return self  # one store per process, though a form's or serializer's fields are copied

    def get(self, **lookup: Any) -> Any:
        """The one row of these terms matching `lookup`, or None."""
        key = tuple(sorted(lookup.items()))
        now = time.monotonic()
        found = self.kept.get(key)
        if found is not None and found[0] > now:
            return found[1]
        row = self.queryset().filter(**lookup).first()
        if row is not None:
            if len(self.kept) >= _MOST_KEPT:
                self.kept.clear()
            self.kept[key] = (now + settings.REFERENCE_HOLD_SECONDS, row)
        return row

    def forget(self) -> None:
        self.kept.clear()


class HeldSpan:
    """Something loaded for a span of days around today (from a week ago to 400 days
    ahead: every deadline set now ends inside it), kept for a while."""

    DAYS_BEHIND, DAYS_AHEAD = 7, 400

    def __init__(self, load: Callable[[datetime.date, datetime.date], Any]) -> None:
        self.load = load
        self.kept: tuple[float, datetime.date, datetime.date, Any] | None = None
        _ALL.append(self)

    def covering(self, start: datetime.date, end: datetime.date, today: datetime.date) -> Any:
        """What was loaded, if its span covers [start, end]; else None (the caller loads
        that span itself)."""
        now = time.monotonic()
        if self.kept is None or self.kept[0] <= now:
            first = today - datetime.timedelta(days=self.DAYS_BEHIND)
            last = today + datetime.timedelta(days=self.DAYS_AHEAD)
            self.kept = (now + settings.REFERENCE_HOLD_SECONDS, first, last, self.load(first, last))
        _, first, last, loaded = self.kept
        return loaded if first <= start and end <= last else None

    def forget(self) -> None:
        self.kept = None


class HeldResults:
    """What a function of reference rows returns (a form's list of topics, the routing's
    proposal), by its arguments and the active language, kept for a while; callers must
    not change it. Arguments are rows, ids or codes: bounded by the tables."""

    def __init__(self, compute: Callable[..., Any]) -> None:
        self.compute = compute
        self.kept: dict[tuple[Any, ...], tuple[float, Any]] = {}
        _ALL.append(self)

    def get(self, *args: Any) -> Any:
        key, now = (translation.get_language() or "", *args), time.monotonic()
        found = self.kept.get(key)
        if found is None or found[0] <= now:
            if len(self.kept) >= _MOST_KEPT:
                self.kept.clear()
            found = self.kept[key] = (now + settings.REFERENCE_HOLD_SECONDS, self.compute(*args))
        return found[1]

    def forget(self) -> None:
        self.kept = {}


def forget_all() -> None:
    for held in _ALL:
        held.forget()


def forget_on_change(**_: Any) -> None:
    """A reference row changed: forget now (a read later in this transaction sees it) and
    at commit (a request that read the old row meanwhile must not keep it)."""
    forget_all()
    transaction.on_commit(forget_all)


APPEAL_TYPES = HeldRows(lambda: AppealType.objects.all())
REGIONS = HeldRows(lambda: Region.objects.all())
# The leaves of the topic tree: what an appeal is filed under.
TOPICS = HeldRows(lambda: Category.objects.filter(parent__isnull=False))
ACTIVE_TOPICS = HeldRows(lambda: Category.objects.filter(is_active=True, parent__isnull=False))
ACTIVE_AGENCIES = HeldRows(lambda: Agency.objects.filter(is_active=True))
