"""A select of many options (the topics, the state bodies) whose options are written in
Python: the markup of Django's select templates, without one template render per option.
Each list is written once per process with nothing selected; a page marks its choice."""

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


def options_html(optgroups: Iterable[tuple[Any, list[dict[str, Any]], Any]]) -> SafeString:
    """The options and groups, spaced as django/forms/widgets/select.html spaces them."""
    parts: list[str] = []
    for group_name, options, _ in optgroups:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        parts += [f"\n  {_option(option)}\n" for option in options]
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


_WRITTEN: dict[tuple[Any, ...], SafeString] = {}  # a list's options with none selected, by content
_MOST_WRITTEN = 64  # lists × languages, with room for the lists' changes


class ListedSelect(forms.Select):
    template_name = "forms/widgets/listed_select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        self.choices = list(iter(self.choices))  # read twice below: a queryset once (no len)
        context = super().get_context(name, value, attrs)
        chosen = context["widget"]["value"]
        if self.allow_multiple_selected or len(chosen) > 1:  # not the one choice marked below
            context["widget"]["options_html"] = options_html(context["widget"]["optgroups"])
            return context
        key = choices_key(self.choices)
        written = _WRITTEN.get(key)
        if written is None:
            if len(_WRITTEN) >= _MOST_WRITTEN:
                _WRITTEN.clear()
            written = _WRITTEN[key] = options_html(self.optgroups(name, [], attrs))
        context["widget"]["options_html"] = _selected(written, chosen[0]) if chosen else written
        return context


def choices_key(choices: Iterable[tuple[Any, Any]]) -> tuple[Any, ...]:
    """The choices (options, or groups of options) as a key, their labels as text."""
    return tuple((option, _labels(label)) for option, label in choices)


def _labels(label: Any) -> Any:
    if isinstance(label, list | tuple):
        return tuple((option, str(inner)) for option, inner in label)
    return str(label)


def _selected(written: SafeString, value: str) -> SafeString:
    """The options with the first whose value is `value` selected, as Django marks it."""
    option = format_html('<option value="{}">', value)
    marked = written.replace(option, option[:-1] + " selected>", 1)
    return mark_safe(marked)  # noqa: S308 - both parts were escaped when written
