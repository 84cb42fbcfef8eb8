"""The labelled evaluation set (tests/topics/eval/, docs/topics.md) and its figures: read
only here, never by the training."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from agencies.models import Agency, Category, Region
from agencies.routing import suggest_agency
from appeals.topics.proposing import propose

EVAL = Path(__file__).resolve().parent / "eval"
LOCAL_BODIES = (Agency.Kind.AKIMAT, Agency.Kind.LOCAL)


def eval_rows(language: str) -> list[dict]:
    with (EVAL / f"{language}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@dataclass
class Figures:
    texts: int = 0
    top1: int = 0
    top3: int = 0
    none: int = 0
    local_to_central: int = 0
    steered_local: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def share(self, count: int, of: int | None = None) -> float:
        base = self.texts if of is None else of
        return count / base if base else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name}: {self.texts} texts, top-1 {self.share(self.top1):.3f}, "
            f"top-3 {self.share(self.top3):.3f}, no proposal {self.none}, local matters "
            f"sent to a central body steered to the akimat {self.steered_local}/"
            f"{self.local_to_central} = {self.share(self.steered_local, self.local_to_central):.3f}"
        )


def evaluate(rows: list[dict]) -> Figures:
    """Each text proposed as the form would; a local matter addressed to a ministry counts as
    steered when the routing of the first topic, in some region, gives that region's akimat."""
    figures = Figures()
    regions = list(Region.objects.order_by("code"))
    local = set(Category.objects.filter(jurisdiction="local").values_list("code", flat=True))
    for number, row in enumerate(rows):
        codes = [p.category.code for p in propose(row["text"], k=3)]
        figures.texts += 1
        figures.top1 += codes[:1] == [row["category"]]
        figures.top3 += row["category"] in codes
        figures.none += not codes
        if row["category"] != codes[:1] and len(figures.misses) < 400:
            figures.misses.append((row["id"], row["category"], ",".join(codes)))
        if row.get("local_to_central") and row["category"] in local:
            figures.local_to_central += 1
            first = propose(row["text"], k=1)
            if first:
                region = regions[number % len(regions)]
                agency = suggest_agency(category=first[0].category, region=region).agency
                figures.steered_local += bool(
                    agency and agency.kind in LOCAL_BODIES and agency.region_id == region.pk
                )
    return figures
