from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ratings.problem_map import MapCell

register = template.Library()
HEAT_LEVELS = 5
# portal/formats' DATETIME_FORMAT, to the second: a snapshot comes every minute.
AS_OF_FORMAT = "d.m.Y H:i:s"


@register.simple_tag
def as_of(moment: datetime.datetime) -> SafeString:
    """The moment figures were counted, to the second in the site's time zone, with its
    machine-readable form."""
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(timespec="seconds"),
        date_format(local, AS_OF_FORMAT),
    )


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
