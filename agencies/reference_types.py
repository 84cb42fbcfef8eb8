"""Shapes of the reference data shipped in `reference_data.py`.

Kept apart from the data so the loader, the tests and the data file agree on
one definition, and the data file stays plain literals a reviewer can read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Names:
    ru: str
    kk: str
    en: str


@dataclass(frozen=True)
class RegionData:
    code: str  # ISO 3166-2, e.g. "KZ-75"
    kind: str  # "oblast" or "city" (a city of republican significance)
    name: Names
    akimat: Names  # the region's akimat, e.g. "Акимат города Алматы"
    akimat_abbreviation: str  # Russian abbreviation shown in lists
    short: Names  # the akimat in charts and on the tile map, e.g. "Almaty city"


@dataclass(frozen=True)
class LocalBodyData:
    """A district (or city) akimat subordinate to a region's akimat."""

    code: str  # e.g. "akimat-kz-75-almaly"
    region: str  # ISO code of the parent region
    name: Names
    abbreviation: str


@dataclass(frozen=True)
class MinistryData:
    code: str  # Latin slug of the Russian abbreviation, e.g. "mvd"
    abbreviation: str  # e.g. "МВД"
    name: Names
    short: Names  # in charts, e.g. "МТСЗН", "Еңбек", "Labour"
    is_active: bool = True


@dataclass(frozen=True)
class CategoryData:
    code: str
    name: Names
    jurisdiction: str  # "local" (region's akimat) or "central" (a ministry)
    ministry: str = ""  # ministry code, required when jurisdiction is "central"
    children: tuple[CategoryData, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class AppealTypeData:
    code: str
    prefix: str  # two Cyrillic letters used in the reference number, e.g. "ЖТ"
    name: Names
    deadline_working_days: int


@dataclass(frozen=True)
class GovernmentData:
    """The body above the ministries and the akimats of regions and republican cities."""

    code: str
    abbreviation: str
    name: Names
