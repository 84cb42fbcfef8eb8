"""Reads of published meetings' figures, shared by the page, the exports and the API: each
row's rates with their 95 % Wilson intervals, derived from its counts on read, and the
open data's columns. Only counts, bodies, regions and officials' names and posts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet

from core.rates import Rate, published
from receptions.figures import FIGURE_COUNTS
from receptions.models import ReceptionFigure, ReceptionSnapshot

# Each published rate: (successes, total) by the counts' names; "kept" is the share
# resolved and not reopened, by which rows are ranked.
RATES: dict[str, tuple[str, str]] = {
    "resolved_rate": ("resolved", "questions"),
    "kept_rate": ("kept", "questions"),
    "reopened_rate": ("reopened", "resolved"),
    "on_time_rate": ("control_on_time", "control_closed"),
    "dissatisfaction_rate": ("dissatisfied", "rated"),
}
# The open data's columns, in order: stable names, documented on the methodology page.
EXPORT_COLUMNS = (
    "level", "agency_code", "agency_name_ru", "agency_name_kk", "agency_name_en",
    "region_code", "region_name_ru", "region_name_kk", "region_name_en",
    "official_name", "official_post", *FIGURE_COUNTS,
    *(f"{name}{end}" for name in RATES for end in ("", "_low", "_high")),
    "below_minimum", "rank",
)  # fmt: skip


@dataclass(frozen=True)
class FigureRow:
    """A published row with its snapshot's minimum of questions."""

    figure: ReceptionFigure
    min_cases: int

    @property
    def below_minimum(self) -> bool:
        return self.figure.questions < max(self.min_cases, 1)

    @property
    def kept(self) -> int:
        return self.figure.resolved - self.figure.reopened

    def count(self, name: str) -> int:
        return self.kept if name == "kept" else int(getattr(self.figure, name))

    def rate(self, name: str) -> Rate | None:
        """The rate and its interval; None below the minimum or with nothing to divide."""
        successes, total = (self.count(part) for part in RATES[name])
        return Rate.judged(successes, total, below_minimum=self.below_minimum)

    @property
    def rates(self) -> dict[str, Rate | None]:
        return {name: self.rate(name) for name in RATES}

    def record(self) -> dict[str, object]:
        """The row's open-data columns, rates to 4 decimals."""
        figure, agency, region = self.figure, self.figure.agency, self.figure.region
        record: dict[str, object] = {
            "level": figure.level,
            "agency_code": agency.code if agency else None,
            "agency_name_ru": agency.name_ru if agency else None,
            "agency_name_kk": agency.name_kk if agency else None,
            "agency_name_en": agency.name_en if agency else None,
            "region_code": region.code if region else None,
            "region_name_ru": region.name_ru if region else None,
            "region_name_kk": region.name_kk if region else None,
            "region_name_en": region.name_en if region else None,
            "official_name": figure.official_name or None,
            "official_post": figure.official_post or None,
        }
        record |= {name: getattr(figure, name) for name in FIGURE_COUNTS}
        for name, rate in self.rates.items():
            record |= {
                name: published(rate.value) if rate else None,
                f"{name}_low": published(rate.low) if rate else None,
                f"{name}_high": published(rate.high) if rate else None,
            }
        return record | {"below_minimum": self.below_minimum, "rank": figure.rank}


def figure_rows(snapshot: ReceptionSnapshot, level: str | None = None) -> list[FigureRow]:
    """A snapshot's rows of one level (or all), by rank, then by most questions."""
    figures: QuerySet[ReceptionFigure] = snapshot.figures.select_related("agency", "region")
    if level is not None:
        figures = figures.filter(level=level)
    ordered = figures.order_by(
        "level", F("rank").asc(nulls_last=True), "-questions", "agency__code", "region__code",
        "official_name",
    )  # fmt: skip
    return [FigureRow(figure, snapshot.min_cases) for figure in ordered]


def snapshot_header(snapshot: ReceptionSnapshot) -> dict[str, object]:
    return {
        "id": snapshot.pk,
        "period": snapshot.period,
        "period_start": snapshot.period_start.isoformat() if snapshot.period_start else None,
        "period_end": snapshot.period_end.isoformat(),
        "as_of": snapshot.as_of.isoformat(),
        "min_cases": snapshot.min_cases,
        "reopen_days": snapshot.reopen_days,
    }
