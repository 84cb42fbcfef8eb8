"""Labels and help texts of every form of ours are translated when shown, not at import: a
text formatted at import keeps the default language (Russian) for every reader."""

from __future__ import annotations

import re

from django import forms
from django.urls import get_resolver
from django.utils import translation

OURS = ("accounts", "agencies", "appeals", "ratings", "notifications", "portal", "core")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Russian or Kazakh on purpose in the English text: a reference prefix is Cyrillic.
MEANT = ("ЖТ",)


def our_forms() -> list[type[forms.BaseForm]]:
    get_resolver().url_patterns  # noqa: B018 - imports every view, and with them every form
    found, waiting = [], [forms.BaseForm]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            waiting.append(subclass)
            if subclass.__module__.split(".")[0] in OURS:
                found.append(subclass)
    return found


def test_the_forms_of_every_app_are_found() -> None:
    names = {form.__name__ for form in our_forms()}
    assert {"AppealForm", "ReplyForm", "ObjectionForm", "SignUpForm"} <= names


def test_no_label_or_help_text_is_fixed_at_import() -> None:
    frozen = []
    with translation.override("en"):
        for form in our_forms():
            for name, field in getattr(form, "base_fields", {}).items():
                for text in (field.label, field.help_text):
                    shown = str(text or "")
                    for word in MEANT:
                        shown = shown.replace(word, "")
                    if CYRILLIC.search(shown):
                        frozen.append(f"{form.__module__}.{form.__name__}.{name}: {text}")
    assert frozen == []
