"""The problem map of a snapshot: appeals by region and top-level category, with the share
of dissatisfied ratings where a cell has enough ratings to show one (methodology 3), and
the questions raised at meetings in the snapshot's period and the problem clusters open at
its moment (listening/) beside them. Shared by the map page, its exports and the API; a
body's own map is in ratings/problem_map_body.py."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import Coalesce

from agencies.models import Category, Region
from agencies.workdays import ALMATY
from listening.selectors import open_clusters_by_cell
from ratings.arithmetic import published
from ratings.models import ProblemCell, RankingSnapshot, Scope
from receptions.models import Question

# The open data's columns of a map cell, in order.
MAP_COLUMNS = (
    "region_code", "region_name_ru", "region_name_kk", "region_name_en", "category_code",
    "category_name_ru", "category_name_kk", "category_name_en", "received", "rated",
    "dissatisfied", "dissatisfaction_rate", "below_minimum", "questions", "clusters",
)  # fmt: skip


def map_min_cases() -> int:
    """The fewest ratings a cell needs for its share to be shown (PROBLEM_MAP_MIN_CASES)."""
    return int(settings.PROBLEM_MAP_MIN_CASES)


@dataclass(frozen=True)
class MapCell:
    cell: ProblemCell
    min_cases: int | None  # of its snapshot; None: before methodology 3, no minimum
    questions: int = 0  # raised at meetings held in the snapshot's period
    clusters: int = 0  # problem clusters open at the snapshot's moment (listening/)

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
            "below_minimum": self.below_minimum, "questions": self.questions,
            "clusters": self.clusters,
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


def meeting_questions(snapshot: RankingSnapshot) -> QuerySet[Question]:
    """The questions raised at meetings on the days of the snapshot's period (Asia/Almaty),
    recorded by its moment: read from the meetings' day index, so that an old snapshot
    shows what it showed."""
    end = datetime.datetime.combine(
        snapshot.period_end + datetime.timedelta(days=1), datetime.time.min, tzinfo=ALMATY
    )
    questions = Question.objects.filter(meeting__starts_at__lt=end, recorded_at__lte=snapshot.as_of)
    if snapshot.period_start is not None:
        start = datetime.datetime.combine(snapshot.period_start, datetime.time.min, tzinfo=ALMATY)
        questions = questions.filter(meeting__starts_at__gte=start)
    return questions


def by_topic(questions: QuerySet[Question], *keys: str) -> QuerySet[Question, dict[str, Any]]:
    """Counts of the questions by the keys and their top-level category (`topic`)."""
    topic = Coalesce("category__parent_id", "category_id")
    return questions.annotate(topic=topic).values(*keys, "topic").annotate(count=Count("id"))


def map_cells(snapshot: RankingSnapshot | None) -> list[MapCell]:
    """The map's cells, the most appeals first, then those with meeting questions or open
    problem clusters only."""
    if snapshot is None:
        return []
    cells = (
        ProblemCell.objects.filter(snapshot=snapshot)
        .select_related("region", "category")
        .order_by("-received", "region__code", "category__position")
    )
    questions = {
        (row["region_id"], row["topic"]): row["count"]
        for row in by_topic(meeting_questions(snapshot), "region_id")
    }
    clusters = open_clusters_by_cell(snapshot.as_of)
    found = []
    for cell in cells:
        key = (cell.region_id, cell.category_id)
        found.append(
            MapCell(cell, snapshot.map_min_cases, questions.pop(key, 0), clusters.pop(key, 0))
        )
    return found + _question_cells(snapshot, questions, clusters)


def _question_cells(
    snapshot: RankingSnapshot,
    questions: dict[tuple[int, int], int],
    clusters: dict[tuple[int, int], int],
) -> list[MapCell]:
    """Cells of regions and topics with meeting questions or open clusters but no appeals."""
    keys = set(questions) | set(clusters)
    regions = Region.objects.in_bulk({region for region, _ in keys})
    categories = Category.objects.in_bulk({category for _, category in keys})
    cells = []
    for region, category in keys:
        cell = ProblemCell(snapshot=snapshot, received=0, rated=0, dissatisfied=0)
        cell.region, cell.category = regions[region], categories[category]
        count, open_clusters = (
            questions.get((region, category), 0),
            clusters.get((region, category), 0),
        )
        cells.append(MapCell(cell, snapshot.map_min_cases, count, open_clusters))
    return sorted(
        cells,
        key=lambda c: (-c.questions, -c.clusters, c.cell.region.code, c.cell.category.position),
    )
