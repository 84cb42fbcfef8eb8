"""Server-side SVG charts (pygal): no script, a table beside each for screen readers."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1b2430",
    foreground_strong="#1b2430",
    foreground_subtle="#5b6675",
    colors=("#00629b", "#a4000f"),
    font_family="system-ui, sans-serif",
)


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


def rate_bars(title: str, bars: Sequence[tuple[str, float, float, float]]) -> str:
    """Horizontal bars of a rate in percent, each with its 95 % interval."""
    height = 60 + 22 * max(1, len(bars))
    chart = pygal.HorizontalBar(height=height, **_config(title))
    chart.x_labels = [label for label, *_ in bars]
    chart.add(
        title,
        [{"value": value, "ci": {"low": low, "high": high}} for _, value, low, high in bars],
    )
    return _render(chart)


def trend(title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]]) -> str:
    chart = pygal.Line(height=320, **{**_config(title), "show_legend": True})
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _render(chart)
