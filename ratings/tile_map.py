"""The tile map of the regions: each of the 20 regions and republican cities an equal square,
placed roughly by geography, coloured by a rate in five steps and labelled with its short
name and figure, so that it reads without colour (docs/rankings.md "The tile map")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from ratings.charts import INK, svg_open, svg_text, text_width, wrap

# (column, row) of each region's tile, by ISO 3166-2 code: west to east, north to south.
TILES: dict[str, tuple[int, int]] = {
    "KZ-27": (0, 0), "KZ-39": (2, 0), "KZ-59": (3, 0), "KZ-55": (5, 0),
    "KZ-23": (0, 1), "KZ-15": (1, 1), "KZ-62": (2, 1), "KZ-11": (3, 1), "KZ-71": (4, 1),
    "KZ-10": (5, 1), "KZ-63": (6, 1),
    "KZ-47": (0, 2), "KZ-43": (1, 2), "KZ-35": (3, 2), "KZ-33": (5, 2),
    "KZ-61": (1, 3), "KZ-79": (2, 3), "KZ-31": (3, 3), "KZ-75": (4, 3), "KZ-19": (5, 3),
}  # fmt: skip
COLUMNS, ROWS = 7, 4
TILE, GAP, PAD = 100, 6, 8
NAME_FONT, FIGURE_FONT, TITLE_FONT, LINE = 13, 17, 18, 16
WIDTH = 2 * PAD + COLUMNS * TILE + (COLUMNS - 1) * GAP
SWATCH = 18
EDGE = "#8a94a3"
# Too few cases to be ranked: grey, with a dash for its figure.
NO_FILL, NO_INK = "#eceef1", "#4b5563"


@dataclass(frozen=True)
class Scale:
    """Five steps of a rate in percent: the edges between them, and each step's fill with
    the text colour that keeps a contrast of at least 4.5:1 on it."""

    edges: tuple[float, float, float, float]
    fills: tuple[str, str, str, str, str]
    inks: tuple[str, str, str, str, str]

    def step(self, percent: float) -> int:
        """The step of a figure as printed (one decimal), so that 90.0 is never below 90."""
        return sum(round(percent, 1) >= edge for edge in self.edges)

    def legend(self) -> list[str]:
        low, *_, high = self.edges
        middle = [f"{a:g}–{b:g} %" for a, b in zip(self.edges, self.edges[1:], strict=False)]
        return [f"< {low:g} %", *middle, f"≥ {high:g} %"]


ANSWER_SCALE = Scale(
    edges=(60, 70, 80, 90),
    fills=("#eef4fa", "#c6dbef", "#8fb8dc", "#2f6ea5", "#0b3d6b"),
    inks=(INK, INK, INK, "#ffffff", "#ffffff"),
)
DISSATISFACTION_SCALE = Scale(
    edges=(10, 20, 30, 40),
    fills=("#fdeeee", "#f7c4c4", "#ec8f8f", "#b72d2d", "#6e0a0a"),
    inks=(INK, INK, INK, "#ffffff", "#ffffff"),
)


@dataclass(frozen=True)
class Tile:
    """A region's tile: its short name, full name (the tooltip) and figure in percent;
    None when its body has too few cases to be ranked."""

    region: str
    label: str
    name: str
    percent: float | None


def tile_map(title: str, tiles: Sequence[Tile], scale: Scale) -> str:
    """The regions' tiles with their figures, and the legend below them."""
    top = PAD + TITLE_FONT + 12
    legend_top = top + ROWS * TILE + (ROWS - 1) * GAP + 16
    legend, legend_height = _legend(scale, legend_top)
    parts = [svg_open(WIDTH, legend_top + legend_height + PAD, title)]
    parts.append(svg_text(PAD, PAD + TITLE_FONT, title, TITLE_FONT, font_weight="bold"))
    parts += [_tile(tile, scale, top) for tile in tiles if tile.region in TILES]
    parts += legend
    parts.append("</svg>")
    return "".join(parts)


def _tile(tile: Tile, scale: Scale, top: float) -> str:
    column, row = TILES[tile.region]
    x, y = PAD + column * (TILE + GAP), top + row * (TILE + GAP)
    if tile.percent is None:
        fill, ink, figure = NO_FILL, NO_INK, "—"
        tooltip = f"{tile.name}: {_('insufficient data')}"
    else:
        step = scale.step(tile.percent)
        fill, ink, figure = scale.fills[step], scale.inks[step], f"{tile.percent:.1f} %"
        tooltip = f"{tile.name}: {figure}"
    lines = wrap(tile.label, TILE - 8, NAME_FONT)[:3]
    names = [
        svg_text(x + TILE / 2, y + 6 + LINE * (i + 1), line, NAME_FONT, text_anchor="middle")
        for i, line in enumerate(lines)
    ]
    number = svg_text(
        x + TILE / 2, y + TILE - 12, figure, FIGURE_FONT, text_anchor="middle", font_weight="bold"
    )
    return (
        f'<g fill="{ink}" data-region="{tile.region}"><title>{escape(tooltip)}</title>'
        f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" fill="{fill}" stroke="{EDGE}"/>'
        + "".join(names)
        + number
        + "</g>"
    )


def _legend(scale: Scale, top: float) -> tuple[list[str], float]:
    """The steps' swatches and ranges, then "insufficient data", in lines half as wide as
    the map: where a phone shows only its left part, the legend is in view."""
    items = [
        *zip(scale.fills, scale.legend(), strict=True),
        (NO_FILL, f"— {_('insufficient data')}"),
    ]
    parts: list[str] = []
    x, y = float(PAD), top
    for fill, text in items:
        width = SWATCH + 6 + text_width(text, NAME_FONT) + 16
        if x > PAD and x + width > WIDTH / 2:
            x, y = PAD, y + SWATCH + 10
        parts.append(
            f'<rect x="{x:.1f}" y="{y:g}" width="{SWATCH}" height="{SWATCH}" fill="{fill}" '
            f'stroke="{EDGE}"/>'
        )
        parts.append(svg_text(x + SWATCH + 6, y + SWATCH - 4, text, NAME_FONT))
        x += width
    return parts, y + SWATCH - top
