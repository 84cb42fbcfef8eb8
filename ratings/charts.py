"""Server-side SVG charts: no script, a table beside each for screen readers. The bars are
drawn here, sized to stay readable when scaled to a phone (docs/rankings.md "Charts"); the
trend is pygal's."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pygal
from django.utils.html import escape
from pygal.style import Style

INK, MUTED, GRID = "#1b2430", "#5b6675", "#d5dae0"
BLUE, RED = "#00629b", "#a4000f"
LOOK: dict[str, object] = {
    "background": "transparent",
    "plot_background": "transparent",
    "foreground": INK,
    "foreground_strong": INK,
    "foreground_subtle": MUTED,
    "colors": (BLUE, RED),
    "font_family": "system-ui, sans-serif",
}
STYLE = Style(**LOOK)

# The bars' picture is WIDTH units wide; at 312 px (a 360 px phone less the page's margins)
# a FONT of 16 units is 12 px. Text widths are estimated, generously, as CHAR_EM per letter.
WIDTH, PAD, FONT, TITLE_FONT, ROW, BAR = 416, 8, 16, 18, 30, 18
CHAR_EM = 0.56
LABEL_SHARE = 0.45  # of the width, at most, for the names
AXIS_MAXIMA = (5, 10, 20, 25, 50, 100)
# Up to six rates over time: each its colour and its dashes (units on, off, ...), told apart
# without colour too; the legend under the picture is HTML, so that long names wrap.
TREND_LINES: tuple[tuple[str, tuple[int, ...]], ...] = (
    (BLUE, ()), (RED, (12, 6)), ("#00703c", (3, 5)), ("#4c2c92", (14, 5, 3, 5)),
    ("#7a4a00", (7, 7)), (INK, (3, 5, 3, 11)),
)  # fmt: skip
TREND_TEXTS = ("label", "major_label", "legend", "tooltip", "value", "value_label")
TREND_STYLE = Style(**{
    **LOOK, "colors": tuple(colour for colour, _dashes in TREND_LINES),
    "title_font_size": TITLE_FONT, **{f"{text}_font_size": FONT for text in TREND_TEXTS},
})  # fmt: skip


def _config(title: str) -> dict[str, object]:
    return {
        "title": title,
        "style": STYLE,
        "js": [],  # no script from anywhere: the SVG is a picture
        "disable_xml_declaration": True,
        "show_legend": False,
        "range": (0, 100),
        "value_formatter": lambda value: f"{value:.1f} %",
        "width": 640,
        "print_values": False,
    }


# pygal writes its tooltip settings into the SVG as an inline script even with js=[];
# nothing reads them without its JavaScript, and the CSP forbids inline scripts.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def _render(chart: pygal.graph.graph.Graph) -> str:
    return _SCRIPT.sub("", str(chart.render(is_unicode=True)))


def trend(title: str, labels: Sequence[str], series: Mapping[str, Sequence[float | None]]) -> str:
    """The rates over time, WIDTH units wide with the bars' text sizes so that it stays
    readable on a phone, and its legend."""
    # A few of the moments named on the axis, not sixty on top of each other.
    axis = {"x_label_rotation": 30, "show_minor_x_labels": False, "x_labels_major_count": 4}
    config = {**_config(title), "style": TREND_STYLE, "width": WIDTH, **axis}
    # Room on the right for the last moment's name, which leans out of the plot.
    chart = pygal.Line(
        height=300, margin=PAD, margin_right=6 * FONT, show_dots=False, **config
    )  # fmt: skip
    chart.x_labels = list(labels)
    for (name, values), (_colour, dashes) in zip(series.items(), TREND_LINES, strict=False):
        dasharray = ", ".join(map(str, dashes)) or "none"
        chart.add(name, list(values), stroke_style={"width": 3, "dasharray": dasharray})
    return _render(chart) + _trend_legend(list(series))


def _trend_legend(names: list[str]) -> str:
    """Each line's sample, drawn in CSS as the SVG draws it, and its name."""
    items = []
    for name, (colour, dashes) in zip(names, TREND_LINES, strict=False):
        stops, at = [], 0
        for index, length in enumerate(dashes):
            paint = colour if index % 2 == 0 else "transparent"
            stops.append(f"{paint} {at}px {at + length}px")
            at += length
        sample = (
            f"linear-gradient(to right, {', '.join(stops)}) 0 0 / {at}px 100%" if stops else colour
        )
        key = (
            '<span aria-hidden="true" style="display:inline-block;width:2.5rem;height:4px;'
            f'margin-right:.5rem;vertical-align:middle;background:{sample}"></span>'
        )
        items.append(f"<li>{key}{escape(name)}</li>")
    return f'<ul class="govuk-list govuk-body-s">{"".join(items)}</ul>'


@dataclass(frozen=True)
class Bar:
    """One body's bar: its short name, full name (the tooltip), and the rate with its
    interval, in percent (or per 100)."""

    label: str
    name: str
    value: float
    low: float
    high: float


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_EM


def fit(text: str, width: float, size: float = FONT) -> str:
    """The text, cut with an ellipsis where it would be wider than `width`."""
    most = max(1, int(width // (size * CHAR_EM)))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def wrap(text: str, width: float, size: float) -> list[str]:
    """Words in lines no wider than `width` (a longer word keeps a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def svg_text(x: float, y: float, text: str, size: float = FONT, **attributes: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return f'<text x="{x:g}" y="{y:g}" font-size="{size:g}"{extra}>{escape(text)}</text>'


def svg_open(width: float, height: float, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" role="img" '
        f'font-family="system-ui, sans-serif" fill="{INK}"><title>{escape(title)}</title>'
    )


@dataclass(frozen=True)
class _Scale:
    """Where a value falls across the bars' span, from 0 to a round maximum."""

    left: float
    right: float
    top: int

    @classmethod
    def of(cls, bars: Sequence[Bar], left: float, right: float) -> _Scale:
        most = max(max(bar.high, bar.value) for bar in bars)
        top = next((top for top in AXIS_MAXIMA if most <= top), AXIS_MAXIMA[-1])
        return cls(left, right, top)

    def x(self, value: float) -> float:
        return self.left + (self.right - self.left) * min(max(value, 0), self.top) / self.top


def rate_bars(title: str, bars: Sequence[Bar], *, unit: str = " %", colour: str = BLUE) -> str:
    """Horizontal bars in the given order, top first: the name on the left, the figure on
    the right, each bar with its 95 % interval."""
    if not bars:
        return ""
    label_width = min(max(text_width(bar.label, FONT) for bar in bars) + 8, WIDTH * LABEL_SHARE)
    value_width = text_width(f"100.0{unit}", FONT) + 8
    scale = _Scale.of(bars, PAD + label_width, WIDTH - PAD - value_width)
    title_lines = wrap(title, WIDTH - 2 * PAD, TITLE_FONT)
    top = 10 + ROW * len(title_lines)
    bottom = top + ROW * len(bars)
    parts = [svg_open(WIDTH, bottom + ROW, title)]
    parts += [
        svg_text(PAD, 10 + TITLE_FONT + ROW * i, line, TITLE_FONT, font_weight="bold")
        for i, line in enumerate(title_lines)
    ]
    for tick in (0, scale.top / 2, scale.top):
        at = scale.x(tick)
        parts.append(
            f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{top}" y2="{bottom}" stroke="{GRID}"/>'
        )
        anchor = "start" if tick == 0 else "end" if tick == scale.top else "middle"
        parts.append(svg_text(at, bottom + FONT + 4, f"{tick:g}", text_anchor=anchor))
    parts += [_bar(bar, top + ROW * row, scale, unit, colour) for row, bar in enumerate(bars)]
    parts.append("</svg>")
    return "".join(parts)


def _bar(bar: Bar, y: float, scale: _Scale, unit: str, colour: str) -> str:
    middle, baseline = y + ROW / 2, y + ROW / 2 + FONT * 0.35
    figure = f"{bar.value:.1f}{unit}"
    low, high = scale.x(bar.low), scale.x(bar.high)
    whisker = f"M{low:.1f} {middle}H{high:.1f}M{low:.1f} {middle - 5}v10M{high:.1f} {middle - 5}v10"
    label = fit(bar.label, scale.left - PAD - 8)
    return (
        f"<g><title>{escape(bar.name)}: {escape(figure)} ({bar.low:.1f}–{bar.high:.1f})</title>"
        + svg_text(scale.left - 6, baseline, label, text_anchor="end")
        + f'<rect x="{scale.left:.1f}" y="{middle - BAR / 2}" '
        f'width="{scale.x(bar.value) - scale.left:.1f}" height="{BAR}" fill="{colour}"/>'
        # A white halo under the interval's line keeps it visible on the bar and beside it.
        + f'<path d="{whisker}" stroke="#fff" stroke-width="4" fill="none"/>'
        + f'<path d="{whisker}" stroke="{INK}" stroke-width="1.5" fill="none"/>'
        + svg_text(WIDTH - PAD, baseline, figure, text_anchor="end")
        + "</g>"
    )
