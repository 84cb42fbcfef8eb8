"""The problem map of a snapshot: appeals by region and top-level category, with the share
of dissatisfied ratings where a cell has enough ratings to show one (methodology 3). Shared
by the map page, its exports and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from ratings.arithmetic import published
from ratings.models import ProblemCell, RankingSnapshot, Scope

# The open data's columns of a map cell, in order.
MAP_COLUMNS = (
    "region_code", "region_name_ru", "region_name_kk", "region_name_en", "category_code",
    "category_name_ru", "category_name_kk", "category_name_en", "received", "rated",
    "dissatisfied", "dissatisfaction_rate", "below_minimum",
)  # fmt: skip


def map_min_cases() -> int:
    """The fewest ratings a cell needs for its share to be shown (PROBLEM_MAP_MIN_CASES)."""
    return int(settings.PROBLEM_MAP_MIN_CASES)


@dataclass(frozen=True)
class MapCell:
    cell: ProblemCell
    min_cases: int | None  # of its snapshot; None: before methodology 3, no minimum

    @property
    def below_minimum(self) -> bool:
        return self.min_cases is not None and self.cell.rated < self.min_cases

    @property
    def dissatisfaction_rate(self) -> float | None:
        """Dissatisfied ÷ rated; None with no ratings or fewer than the minimum."""
        rated = self.cell.rated
        return None if self.below_minimum or not rated else self.cell.dissatisfied / rated

    def record(self) -> dict[str, object]:
        region, category = self.cell.region, self.cell.category
        return {
            "region_code": region.code, "region_name_ru": region.name_ru,
            "region_name_kk": region.name_kk, "region_name_en": region.name_en,
            "category_code": category.code, "category_name_ru": category.name_ru,
            "category_name_kk": category.name_kk, "category_name_en": category.name_en,
            "received": self.cell.received, "rated": self.cell.rated,
            "dissatisfied": self.cell.dissatisfied,
            "dissatisfaction_rate": published(self.dissatisfaction_rate),
            "below_minimum": self.below_minimum,
        }  # fmt: skip


def map_snapshot(snapshot: RankingSnapshot) -> RankingSnapshot | None:
    """The snapshot that holds the map of this one's run: the map is kept once per period,
    with the akimats' snapshot."""
    if snapshot.scope == Scope.AKIMATS:
        return snapshot
    return RankingSnapshot.objects.filter(
        scope=Scope.AKIMATS, period=snapshot.period, period_start=snapshot.period_start,
        period_end=snapshot.period_end, as_of=snapshot.as_of,
    ).first()  # fmt: skip


def map_cells(snapshot: RankingSnapshot | None) -> list[MapCell]:
    """The map's cells, the most appeals first."""
    if snapshot is None:
        return []
    cells = (
        ProblemCell.objects.filter(snapshot=snapshot)
        .select_related("region", "category")
        .order_by("-received", "region__code", "category__position")
    )
    return [MapCell(cell, snapshot.map_min_cases) for cell in cells]
