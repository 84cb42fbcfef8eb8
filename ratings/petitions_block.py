"""The rankings page's block of petitions: for each scope's ranked bodies (each with the
bodies below it), the petitions received, answered on time and accepted, from one grouped
query (petitions/figures.py), read only when the page's cached fragment is missing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from agencies.models import Agency
from petitions.figures import BodyFigures, FigurePeriod, counts_by_addressee, ranked, rolled_up
from ratings.models import Scope
from ratings.snapshots import SCOPE_KINDS
from ratings.units import unit_map


def petition_period(period: str) -> str:
    """The rankings' period as the petitions count it: their shortest is 365 days."""
    return period if period in FigurePeriod.values else FigurePeriod.LAST_365_DAYS


@dataclass(frozen=True)
class PetitionTable:
    scope: Scope
    rows: list[BodyFigures]


class PetitionBlock:
    """The block of a rankings period: a table per scope, bodies with no petition left out."""

    def __init__(self, period: str) -> None:
        self.period = petition_period(period)
        self.period_label = FigurePeriod(self.period).label

    @cached_property
    def as_of(self) -> datetime.datetime:
        return timezone.now()

    @cached_property
    def tables(self) -> list[PetitionTable]:
        """Each scope's bodies ranked among themselves."""
        counts = counts_by_addressee(self.period, self.as_of)
        units = rolled_up(counts, unit_map()) if counts else {}
        kinds = dict(Agency.objects.filter(pk__in=list(units)).values_list("pk", "kind"))
        return [
            PetitionTable(scope, ranked({pk: values for pk, values in units.items()
                                         if kinds.get(pk) == SCOPE_KINDS[scope]}))
            for scope in Scope
        ]  # fmt: skip
