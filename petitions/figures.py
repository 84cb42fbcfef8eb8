"""How each addressee dealt with the petitions sent to it, counted live in one grouped query
over a period of reaching the threshold: received, answered, answered on time, accepted;
the two rates with 95 % Wilson intervals, shown (and ranked) only from
PETITIONS_MIN_CASES petitions received (docs/petitions.md, "Figures")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from fractions import Fraction

from django.conf import settings
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from agencies.workdays import ALMATY
from core.db_routing import connection_for_read
from core.rates import Rate, competition_ranks, published
from petitions.models import Petition


class FigurePeriod(TextChoices):
    LAST_365_DAYS = "last_365_days", _("Last 365 days")
    YEAR_TO_DATE = "year_to_date", _("This year")
    ALL_TIME = "all_time", _("All time")


COUNTS = ("received", "answered", "on_time", "accepted")
# Each rate: (successes, total) by the counts' names; bodies are ranked by the first.
RATES: dict[str, tuple[str, str]] = {
    "on_time_rate": ("on_time", "received"),
    "accepted_rate": ("accepted", "answered"),
}
# Sent to the addressee (considering or answered) within the period, by reached_at; read
# through petition_addressee_idx's bodies, the table is thousands of rows.
FIGURES = """
    SELECT addressee_id,
        count(*) AS received,
        count(*) FILTER (WHERE status = 'answered') AS answered,
        count(*) FILTER (WHERE status = 'answered' AND answered_at <= answer_due) AS on_time,
        count(*) FILTER (WHERE status = 'answered' AND outcome IN ('accepted', 'partly'))
            AS accepted
    FROM petitions_petition
    WHERE status IN ('considering', 'answered') AND reached_at >= %(start)s
        AND reached_at < %(end)s
    GROUP BY addressee_id
"""


def period_start(period: str, now: datetime.datetime) -> datetime.datetime | None:
    if period == FigurePeriod.ALL_TIME:
        return None
    if period == FigurePeriod.YEAR_TO_DATE:
        local = timezone.localtime(now, ALMATY)
        return local.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return now - datetime.timedelta(days=365)


@dataclass(frozen=True)
class BodyFigures:
    """One addressee's (or ranked unit's) counts, with the minimum they are judged by."""

    agency: Agency
    received: int
    answered: int
    on_time: int
    accepted: int
    min_cases: int
    rank: int | None = None

    @property
    def below_minimum(self) -> bool:
        return self.received < max(self.min_cases, 1)

    def rate(self, name: str) -> Rate | None:
        """None below the minimum or with nothing to divide."""
        successes, total = (int(getattr(self, part)) for part in RATES[name])
        return Rate.judged(successes, total, below_minimum=self.below_minimum)

    @property
    def rates(self) -> dict[str, Rate | None]:
        return {name: self.rate(name) for name in RATES}

    def record(self) -> dict[str, object]:
        """The open data's columns, rates to 4 decimals."""
        agency = self.agency
        row: dict[str, object] = {
            "agency_code": agency.code, "agency_name_ru": agency.name_ru,
            "agency_name_kk": agency.name_kk, "agency_name_en": agency.name_en,
            "agency_kind": agency.kind,
        }  # fmt: skip
        row |= {name: getattr(self, name) for name in COUNTS}
        for name, rate in self.rates.items():
            row |= {
                name: published(rate.value) if rate else None,
                f"{name}_low": published(rate.low) if rate else None,
                f"{name}_high": published(rate.high) if rate else None,
            }
        return row | {"below_minimum": self.below_minimum, "rank": self.rank}


def counts_by_addressee(
    period: str, now: datetime.datetime | None = None
) -> dict[int, tuple[int, ...]]:
    """Each addressee's counts (COUNTS' order) for the period: one grouped query."""
    now = now or timezone.now()
    start = period_start(period, now) or datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
    with connection_for_read(Petition).cursor() as cursor:  # a replica, for a public read
        cursor.execute(FIGURES, {"start": start, "end": now + datetime.timedelta(seconds=1)})
        return {row[0]: tuple(int(value) for value in row[1:]) for row in cursor.fetchall()}


def ranked(counts: dict[int, tuple[int, ...]], min_cases: int | None = None) -> list[BodyFigures]:
    """Rows for these bodies' counts, ranked by the on-time rate where they reach the
    minimum (equal rates share a rank), then the rest by most received."""
    least = settings.PETITIONS_MIN_CASES if min_cases is None else min_cases
    agencies = Agency.objects.in_bulk(list(counts))
    rows = [BodyFigures(agencies[pk], **dict(zip(COUNTS, values, strict=True)), min_cases=least)
            for pk, values in counts.items() if pk in agencies]  # fmt: skip
    scores = {row.agency.pk: Fraction(row.on_time, row.received)
              for row in rows if not row.below_minimum}  # fmt: skip
    ranks = competition_ranks(scores, higher_is_better=True)
    rows = [replace(row, rank=ranks.get(row.agency.pk)) for row in rows]
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, -r.received, r.agency.code))


def figures(period: str, now: datetime.datetime | None = None) -> list[BodyFigures]:
    """Every addressee's figures for the period."""
    return ranked(counts_by_addressee(period, now))


def rolled_up(
    counts: dict[int, tuple[int, ...]], units: dict[int, int]
) -> dict[int, tuple[int, ...]]:
    """The counts summed by ranked unit (`units`: each agency's unit), for the rankings."""
    summed: dict[int, list[int]] = {}
    for agency_id, values in counts.items():
        unit = units.get(agency_id)
        if unit is None:
            continue
        total = summed.setdefault(unit, [0] * len(COUNTS))
        for index, value in enumerate(values):
            total[index] += value
    return {unit: tuple(values) for unit, values in summed.items()}
