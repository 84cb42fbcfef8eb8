"""Which level of the law a body is at, and so how many signatures a petition to it needs,
for how long it collects them and how soon the body must answer."""

from __future__ import annotations

import calendar
import datetime

from agencies.models import Agency
from petitions.models import PetitionLevel, PetitionRules


def is_top_level(agency: Agency) -> bool:
    """At the top of its tree: no parent, or only the Government above it."""
    parent = agency.parent
    return parent is None or parent.kind == Agency.Kind.GOVERNMENT


def level_for(
    agency: Agency, active_levels: list[PetitionLevel] | None = None
) -> PetitionLevel | None:
    """The active level for this body: one for its kind and place in the tree, else one for
    its kind alone; None when petitions cannot be addressed to it. `active_levels`: the
    active levels read once, for a list of bodies."""
    if active_levels is None:
        levels = list(PetitionLevel.objects.filter(agency_kind=agency.kind, is_active=True))
    else:
        levels = [level for level in active_levels if level.agency_kind == agency.kind]
    top = is_top_level(agency)
    for level in levels:
        if level.top_level is top:
            return level
    return next((level for level in levels if level.top_level is None), None)


def threshold_for(agency: Agency, level: PetitionLevel) -> int | None:
    return level.threshold_in(agency.region)


def addressable_bodies() -> list[tuple[Agency, PetitionLevel]]:
    """The active bodies a petition may be addressed to, with their levels, by name: the
    filing form's list, in two queries."""
    levels = list(PetitionLevel.objects.filter(is_active=True))
    bodies = Agency.objects.filter(is_active=True).select_related(
        "parent", "region__petition_population"
    )
    found = []
    for agency in bodies.order_by("name_ru"):
        level = level_for(agency, levels)
        if level is not None and threshold_for(agency, level) is not None:
            found.append((agency, level))
    return found


def collection_end(published_at: datetime.datetime, level: PetitionLevel) -> datetime.datetime:
    """The same moment `collection_months` later (the month's last day if it is shorter)."""
    months = published_at.month - 1 + level.collection_months
    year, month = published_at.year + months // 12, months % 12 + 1
    day = min(published_at.day, calendar.monthrange(year, month)[1])
    return published_at.replace(year=year, month=month, day=day)


def petition_rules() -> PetitionRules:
    """The one row of rules; the law's defaults if an administrator has not saved any."""
    rules = PetitionRules.objects.filter(pk=1).first()
    return rules if rules is not None else PetitionRules(pk=1)
