"""What the rankings page draws for one scope: its table's rows, a bar chart of each rate
in the table's order, and, for the akimats, the tile maps of the regions with their table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext as _

from agencies.models import Agency, Region
from ratings import charts
from ratings.models import RankingRow, RankingSnapshot, Scope
from ratings.selectors import snapshot_rows
from ratings.tile_map import ANSWER_SCALE, DISSATISFACTION_SCALE, Tile, tile_map

# The rank whose minimum of cases a rate's chart keeps to: the answers' or the ratings'.
RANKED_BY = {
    "answer_rate": "answer_rank",
    "termination_rate": "answer_rank",
    "overturn_rate": "answer_rank",
    "warned_rate": "answer_rank",
    "dissatisfaction_rate": "dissatisfaction_rank",
    "formal_rate": "dissatisfaction_rank",
}
# Shown per 100 answers, as in the table; the others in percent.
PER_HUNDRED = ("overturn_rate", "warned_rate")


def percent(value: float | None) -> float:
    return round(100 * (value or 0), 1)


def chart_titles() -> dict[str, str]:
    """The charts' titles by their rate's column, in the request's language."""
    return {
        "answer_rate": _("Answer rate"),
        "termination_rate": _("Left without consideration"),
        "dissatisfaction_rate": _("Dissatisfaction"),
        "overturn_rate": _("Overturned on complaint, per 100 answers"),
        "formal_rate": _("Formal replies, per 100 ratings"),
        "warned_rate": _("Sent over a warning, per 100 answers"),
    }


def ranked(row: RankingRow, field: str) -> bool:
    """Whether the row's body has enough cases for this rate's rank."""
    return getattr(row, RANKED_BY[field]) is not None and getattr(row, field) is not None


def rate_chart(rows: list[RankingRow], field: str) -> str:
    """The rate's bars of the ranked bodies, in the rows' order; empty when none is ranked."""
    bars = [
        charts.Bar(
            label=row.agency.short_name,
            name=row.agency.name,
            value=percent(getattr(row, field)),
            low=percent(getattr(row, f"{field}_low")),
            high=percent(getattr(row, f"{field}_high")),
        )
        for row in rows
        if ranked(row, field)
    ]
    unit = "" if field in PER_HUNDRED else " %"
    colour = charts.BLUE if field == "answer_rate" else charts.RED
    return charts.rate_bars(chart_titles()[field], bars, unit=unit, colour=colour)


@dataclass(frozen=True)
class RegionFigures:
    """A region's akimat with its two mapped rates (None: too few cases to be ranked)."""

    region: str
    agency: Agency
    answer_rate: float | None
    dissatisfaction_rate: float | None


class RankingTable:
    """One scope's table and charts, read only when the page's cached fragment is missing:
    a published snapshot never changes, so its rendered HTML is kept (per sort and
    language) instead of drawing the charts again on every request."""

    def __init__(self, scope: Scope, snapshot: RankingSnapshot | None, sort: str) -> None:
        self.scope, self.snapshot, self.sort = scope, snapshot, sort

    @property
    def version(self) -> str:
        """Names the snapshot beyond its id, which a restored database may give again."""
        return f"{self.snapshot.pk}-{self.snapshot.as_of.timestamp()}" if self.snapshot else ""

    @cached_property
    def rows(self) -> list[RankingRow]:
        return list(snapshot_rows(self.snapshot, self.sort)) if self.snapshot else []

    def charts(self) -> list[tuple[str, str]]:
        """Each rate's bar chart (those of methodology 3 only in its snapshots), with what
        it shows, for the caption."""
        fields = ["answer_rate", "dissatisfaction_rate"]
        if self.snapshot and self.snapshot.methodology >= 3:
            fields[1:1] = ["termination_rate"]
            fields += ["overturn_rate"]
        titles = chart_titles()
        drawn = [(titles[field], rate_chart(self.rows, field)) for field in fields]
        return [(title, chart) for title, chart in drawn if chart]

    @cached_property
    def regions(self) -> list[RegionFigures]:
        """The akimats' figures by region, by short name; none for the ministries."""
        if self.scope != Scope.AKIMATS:
            return []
        codes = dict(Region.objects.values_list("pk", "code"))
        figures = {
            codes[row.agency.region_id]: RegionFigures(
                region=codes[row.agency.region_id],
                agency=row.agency,
                answer_rate=row.answer_rate if ranked(row, "answer_rate") else None,
                dissatisfaction_rate=(
                    row.dissatisfaction_rate if ranked(row, "dissatisfaction_rate") else None
                ),
            )
            for row in self.rows
            if row.agency.kind == Agency.Kind.AKIMAT and row.agency.region_id in codes
        }
        return sorted(figures.values(), key=lambda figure: figure.agency.short_name)

    def tile_maps(self) -> list[tuple[str, str]]:
        """The answer rate and the dissatisfaction of the regions, as tile maps."""
        if not self.regions:
            return []
        maps = (
            (_("Answer rate by region"), "answer_rate", ANSWER_SCALE),
            (_("Dissatisfaction by region"), "dissatisfaction_rate", DISSATISFACTION_SCALE),
        )
        drawn = []
        for title, field, scale in maps:
            tiles = [self._tile(figures, field) for figures in self.regions]
            drawn.append((title, tile_map(title, tiles, scale)))
        return drawn

    @staticmethod
    def _tile(figures: RegionFigures, field: str) -> Tile:
        agency, rate = figures.agency, getattr(figures, field)
        figure = None if rate is None else percent(rate)
        return Tile(figures.region, agency.short_name, agency.name, figure)
