"""Repeat appeals as a share of the appeals a body received: a body whose citizens must write
twice is not hearing them. The repeats (appeals/linking.py) of each body in a snapshot's
period, from one grouped query over appeal_repeat_idx, rolled up to the ranked units and set
beside the snapshot's received counts; published from the snapshot's minimum of cases
(docs/rankings.md, "Repeat appeals")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from agencies.models import Agency
from agencies.workdays import ALMATY
from appeals.models import Appeal
from core.db_routing import connection_for_read
from core.rates import Rate
from ratings.models import RankingRow, RankingSnapshot
from ratings.units import unit_map

# The few appeals that repeat, by body, in a period (appeal_repeat_idx); imported records
# never repeat (they are not linked).
REPEATS = """
    SELECT agency_id, count(*) FROM appeals_appeal
    WHERE repeat_of_id IS NOT NULL AND received_at >= %(start)s AND received_at < %(end)s
    GROUP BY agency_id
"""


@dataclass(frozen=True)
class RepeatShare:
    agency: Agency
    received: int
    repeats: int
    min_cases: int

    @property
    def below_minimum(self) -> bool:
        return self.received < max(self.min_cases, 1)

    @property
    def rate(self) -> Rate | None:
        return Rate.judged(self.repeats, self.received, below_minimum=self.below_minimum)


def period_bounds(snapshot: RankingSnapshot) -> tuple[datetime.datetime, datetime.datetime]:
    """The snapshot's period as times: its first day's start to its last day's end, in
    Almaty (all time: from the first appeal)."""
    first = snapshot.period_start or datetime.date(2000, 1, 1)
    start = datetime.datetime.combine(first, datetime.time.min, ALMATY)
    end = datetime.datetime.combine(snapshot.period_end, datetime.time.min, ALMATY)
    return start, end + datetime.timedelta(days=1)


def repeats_by_unit(snapshot: RankingSnapshot) -> dict[int, int]:
    """Each ranked unit's repeat appeals received in the snapshot's period."""
    start, end = period_bounds(snapshot)
    with connection_for_read(Appeal).cursor() as cursor:  # a replica, for a public read
        cursor.execute(REPEATS, {"start": start, "end": end})
        counts = cursor.fetchall()
    units, summed = unit_map(), dict[int, int]()
    for agency_id, count in counts:
        unit = units.get(agency_id)
        if unit is not None:
            summed[unit] = summed.get(unit, 0) + int(count)
    return summed


def repeat_shares(snapshot: RankingSnapshot | None) -> list[RepeatShare]:
    """The snapshot's bodies with their share of repeats, highest published share first,
    then the bodies below the minimum by most received."""
    if snapshot is None:
        return []
    repeats = repeats_by_unit(snapshot)
    rows = RankingRow.objects.filter(snapshot=snapshot, received__gt=0).select_related("agency")
    shares = [
        RepeatShare(row.agency, row.received, repeats.get(row.agency_id, 0), snapshot.min_cases)
        for row in rows
    ]

    def order(share: RepeatShare) -> tuple[bool, float, int]:
        rate = share.rate
        return (rate is None, -(rate.value if rate else 0.0), -share.received)

    return sorted(shares, key=order)


def repeat_share_of(snapshot: RankingSnapshot | None, agency: Agency) -> RepeatShare | None:
    """One body's share in its latest snapshot (its page)."""
    if snapshot is None:
        return None
    row = RankingRow.objects.filter(snapshot=snapshot, agency=agency).first()
    if row is None:
        return None
    repeats = repeats_by_unit(snapshot).get(agency.pk, 0)
    return RepeatShare(agency, row.received, repeats, snapshot.min_cases)


class RepeatTable:
    """One scope's bodies by their share of repeats, for the rankings page."""

    def __init__(self, scope_label: str, snapshot: RankingSnapshot, version: str) -> None:
        self.scope_label, self.snapshot, self.version = scope_label, snapshot, version

    @cached_property
    def rows(self) -> list[RepeatShare]:
        """Read only when the page's cached fragment is missing."""
        return repeat_shares(self.snapshot)
