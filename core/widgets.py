"""A select of many options (the topics, the state bodies) whose options are written in
Python: the markup of Django's select templates, without one template render per option."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _option(option: dict[str, Any]) -> SafeString:
    """As django/forms/widgets/select_option.html (and attrs.html) write it."""
    attrs = format_html_join(
        "", "{}",
        ((format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
         for name, value in option["attrs"].items() if value is not False),
    )  # fmt: skip
    return format_html('<option value="{}"{}>{}</option>', str(option["value"]), attrs,
                       option["label"])  # fmt: skip


def options_html(optgroups: Iterable[tuple[Any, list[dict[str, Any]], int]]) -> SafeString:
    """The options and groups, spaced as django/forms/widgets/select.html spaces them."""
    parts: list[str] = []
    for group_name, options, _ in optgroups:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        parts += [f"\n  {_option(option)}\n" for option in options]
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


class ListedSelect(forms.Select):
    template_name = "forms/widgets/listed_select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = options_html(context["widget"]["optgroups"])
        return context
