from __future__ import annotations

from django import template

from ratings.models import ProblemCell

register = template.Library()
HEAT_LEVELS = 5


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


@register.filter
def heat(cell: ProblemCell | None) -> int:
    """0 (no ratings) to 5: the share of dissatisfied ratings in the cell, in steps."""
    if cell is None or not cell.rated:
        return 0
    return 1 + min(HEAT_LEVELS - 1, int(HEAT_LEVELS * cell.dissatisfied / cell.rated))
