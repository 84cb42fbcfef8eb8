"""{% link 'name' %}: the address of a page that takes no arguments, as {% url %} gives
it, worked out once per process. Every page's frame names some twenty of them."""

from __future__ import annotations

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()
_KNOWN: dict[tuple[str, str, object], str] = {}


@register.simple_tag
def link(name: str) -> str:
    key = (name, get_script_prefix(), get_urlconf())
    found = _KNOWN.get(key)
    if found is None:
        found = _KNOWN[key] = reverse(name)
    return found
