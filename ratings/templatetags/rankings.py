from __future__ import annotations

from django import template

from ratings.problem_map import MapCell

register = template.Library()
HEAT_LEVELS = 5


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


@register.filter
def per_hundred(value: float | None) -> str:
    """A rate of 0 to 1 as a count per 100 (complaints per 100 answers)."""
    return "—" if value is None else f"{100 * value:.1f}"


@register.filter
def heat(cell: MapCell | None) -> int:
    """0 (no share shown: no ratings, or fewer than the minimum) to 5: the share of
    dissatisfied ratings in the cell, in steps."""
    if cell is None or cell.dissatisfaction_rate is None:
        return 0
    return 1 + min(HEAT_LEVELS - 1, HEAT_LEVELS * cell.cell.dissatisfied // cell.cell.rated)
