"""{% link %} (portal/templatetags/links.py): the frame's addresses, as {% url %} gives
them, under any script prefix."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix

from portal.devservices import BASE_DIR

NAMES = sorted(
    set(re.findall(r"\{% link '([^']+)'", (BASE_DIR / "templates/base.html").read_text()))
)


def _linked(name: str) -> str:
    return engines["django"].from_string("{% load links %}{% link name %}").render({"name": name})


@pytest.mark.parametrize("prefix", ["/", "/otinish/"])
def test_each_address_is_urls_under_the_script_prefix(prefix: str) -> None:
    assert len(NAMES) > 15
    set_script_prefix(prefix)
    try:
        for name in NAMES:
            assert _linked(name) == _linked(name) == reverse(name)
        assert _linked("pages:help").startswith(prefix)
    finally:
        set_script_prefix("/")
