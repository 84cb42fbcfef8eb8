"""Which item of the main navigation the page belongs to (marked as current)."""

from __future__ import annotations

from django.http import HttpRequest

# View name or namespace -> navigation item; the first match wins.
SECTIONS = (
    ("appeals:new", "new"),
    ("appeals", "mine"),
    ("rating", "mine"),
    ("status", "status"),
    ("receptions", "receptions"),
    ("petitions:mine", "petitions_mine"),
    ("petitions", "petitions"),
    ("ratings", "rankings"),
    ("pages:help", "help"),
)


def navigation(request: HttpRequest) -> dict[str, str]:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    for prefix, section in SECTIONS:
        if match.view_name == prefix or match.namespace == prefix:
            return {"nav_section": section}
    return {}
