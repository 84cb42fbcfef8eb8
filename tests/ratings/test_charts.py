"""The rankings page's charts and tile maps: the table's order, ranked bodies only, short
names in the page's language, every region with its figure, readable on a phone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from ratings import charts, tile_map
from ratings.page import RankingTable
from ratings.snapshots import rankings_recompute
from tests.ratings.dataset import AS_OF

pytestmark = pytest.mark.django_db
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
NS = {"svg": "http://www.w3.org/2000/svg"}
TEXT = "{http://www.w3.org/2000/svg}text"
CYRILLIC = re.compile("[а-яА-ЯёЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# A 360 px phone less the page's margins (1.5rem each side); the tile map keeps 44rem.
PHONE_WIDTH, TILE_MAP_MIN_WIDTH = 312, 704


@pytest.fixture(autouse=True)
def published(data: None) -> None:
    rankings_recompute(as_of=AS_OF)


def pictures(content: str) -> dict[str, ET.Element]:
    """The page's SVG pictures by their title."""
    drawn = [ET.fromstring(svg) for svg in SVG.findall(content)]  # noqa: S314 - our own pages
    return {str(svg.findtext("svg:title", namespaces=NS)): svg for svg in drawn}


def bar_names(svg: ET.Element) -> list[str]:
    """The bodies of a bar chart, top first: each bar's tooltip opens with the full name."""
    tooltips = [g.findtext("svg:title", namespaces=NS) or "" for g in svg.iterfind("svg:g", NS)]
    return [tooltip.rsplit(": ", 1)[0] for tooltip in tooltips]


def page(client: Client, query: str = "") -> tuple[dict[str, ET.Element], RankingTable]:
    """The English page's pictures, and its akimats' table."""
    response = client.get(f"/ratings/?period=last_30_days{query}", HTTP_ACCEPT_LANGUAGE="en")
    return pictures(response.content.decode()), response.context["tables"][0]


@pytest.mark.parametrize("sort", ["rank", "received", "dissatisfaction_rate"])
def test_a_chart_lists_the_ranked_bodies_in_the_tables_order(client: Client, sort: str) -> None:
    drawn, table = page(client, f"&sort={sort}")
    ranked = [row.agency.name_en for row in table.rows if row.answer_rank is not None]
    assert len(ranked) == 4 and len(table.rows) == 20  # Shymkent and 15 others: too few
    assert bar_names(drawn["Answer rate"]) == ranked


def test_a_chart_of_ratings_keeps_to_the_bodies_ranked_by_ratings(client: Client) -> None:
    drawn, table = page(client)
    ranked = [row.agency.name_en for row in table.rows if row.dissatisfaction_rank is not None]
    assert bar_names(drawn["Dissatisfaction"]) == ranked == ["Akimat of Almaty City"]


def test_english_charts_name_the_bodies_in_english(client: Client) -> None:
    content = client.get("/ratings/?period=last_30_days", HTTP_ACCEPT_LANGUAGE="en").content
    drawn = pictures(content.decode())
    assert {"Answer rate", "Answer rate by region", "Dissatisfaction by region"} <= set(drawn)
    labels = [text.text or "" for svg in drawn.values() for text in svg.iter(TEXT)]
    assert "Almaty city" in labels and "Astana city" in labels
    assert not [label for label in labels if CYRILLIC.search(label)]


def test_kazakh_charts_name_the_bodies_in_kazakh(client: Client) -> None:
    content = client.get("/ratings/?period=last_30_days", HTTP_ACCEPT_LANGUAGE="kk").content
    assert "Алматы қ." in content.decode() and "Акимат г. Алматы" not in content.decode()


def test_the_tile_maps_show_every_region_with_its_figure_and_a_table(client: Client) -> None:
    response = client.get("/ratings/?period=last_30_days", HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    table: RankingTable = response.context["tables"][0]
    answer = pictures(content)["Answer rate by region"]
    tiles = {g.get("data-region"): g for g in answer.iterfind("svg:g", NS)}
    assert set(tiles) == set(tile_map.TILES) and len(tiles) == 20
    almaty = next(row for row in table.rows if row.agency.code == "akimat-kz-75")
    figure = f"{100 * (almaty.answer_rate or 0):.1f} %"
    assert figure in [text.text for text in tiles["KZ-75"].iter(TEXT)]
    assert "—" in [text.text for text in tiles["KZ-79"].iter(TEXT)]
    rows = re.findall(
        r'<tr[^>]* data-region="(KZ-\d\d)"><th scope="row"[^>]*>([^<]*)</th>\s*<td[^>]*>([^<]*)<',
        content,
    )
    assert len(rows) == 20 and ("KZ-75", "Almaty city", figure) in rows


def test_the_ministries_have_no_tile_map(client: Client) -> None:
    ministries: RankingTable = client.get("/ratings/").context["tables"][1]
    assert ministries.regions == [] and ministries.tile_maps() == []


def test_the_text_stays_readable_on_a_phone(client: Client) -> None:
    drawn, _table = page(client)
    assert len(drawn) == 6
    for title, svg in drawn.items():
        width = float(svg.get("viewBox", "").split()[2])
        shown = TILE_MAP_MIN_WIDTH if title.endswith("by region") else PHONE_WIDTH
        sizes = [float(text.get("font-size", 0)) for text in svg.iter(TEXT)]
        assert sizes and min(sizes) * min(shown, width) / width >= 12, title


@pytest.mark.parametrize("scale", [tile_map.ANSWER_SCALE, tile_map.DISSATISFACTION_SCALE])
def test_the_figures_on_the_tiles_keep_a_contrast_of_four_and_a_half(
    scale: tile_map.Scale,
) -> None:
    pairs = [*zip(scale.inks, scale.fills, strict=True), (tile_map.NO_INK, tile_map.NO_FILL)]
    for ink, fill in pairs:
        assert contrast(ink, fill) >= 4.5, (ink, fill)


def test_a_figure_on_an_edge_takes_the_step_it_is_printed_in() -> None:
    assert tile_map.ANSWER_SCALE.step(89.96) == 4  # printed 90.0 %: "≥ 90 %"
    assert tile_map.ANSWER_SCALE.step(89.94) == 3
    assert tile_map.ANSWER_SCALE.legend() == ["< 60 %", "60–70 %", "70–80 %", "80–90 %", "≥ 90 %"]


def test_a_name_too_long_for_the_chart_is_cut_and_kept_whole_in_the_tooltip() -> None:
    name = "Комитет по очень длинному названию, которое не помещается"
    svg = charts.rate_bars("T", [charts.Bar(name, name, 50.0, 40.0, 60.0)])
    assert "…</text>" in svg and f"<title>{name}: 50.0 %" in svg


def test_names_are_escaped_in_the_pictures() -> None:
    bars = charts.rate_bars("T", [charts.Bar("<b>&", "<i>", 1.0, 0.0, 2.0)])
    tiles = tile_map.tile_map(
        "T", [tile_map.Tile("KZ-75", "<b>&", "<i>", 1.0)], tile_map.ANSWER_SCALE
    )
    for svg in (bars, tiles):
        assert "<b>" not in svg and "<i>" not in svg and "&amp;" in svg
        ET.fromstring(svg)  # noqa: S314 - our own picture; parses: well-formed


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_trend_stays_readable_on_a_phone_and_has_a_legend_in_words() -> None:
    series: dict[str, list[float | None]] = {
        "Answer rate": [50.0, 60.0],
        "A rate with a name too long for a line": [1.0, None],
    }
    drawn = charts.trend("Over time", ["01.12 10:00", "02.12 10:00"], series)
    svg = ET.fromstring(SVG.findall(drawn)[0])  # noqa: S314 - our own picture
    width = float(svg.get("viewBox", "").split()[2])
    no_data = 64  # pygal's text for a chart without values, never drawn here
    sizes = [float(size) for size in re.findall(r"font-size:(\d+(?:\.\d+)?)px", drawn)]
    assert sizes and min(s for s in sizes if s != no_data) * PHONE_WIDTH / width >= 12
    legend = drawn[drawn.index("</svg>") :]
    assert all(name in legend for name in series)  # whole, in HTML that wraps
