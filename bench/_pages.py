"""Reading the portal's pages as a browser would: forms with their fields, and links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    values: dict[str, str] = field(default_factory=dict)  # what the browser would send as is
    options: dict[str, list[str]] = field(default_factory=dict)  # each select's choices
    files: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in attr:
            self.links.append(attr["href"])
        elif tag == "form":
            self.forms.append(Form(attr.get("action", ""), attr.get("method", "get").lower()))
        elif self.forms:
            self._field(tag, attr, self.forms[-1])

    def _field(self, tag: str, attr: dict[str, str], form: Form) -> None:
        name = attr.get("name", "")
        if tag == "input" and name:
            kind = attr.get("type", "text")
            if kind == "file":
                form.files.append(name)
            elif kind not in ("submit", "button", "checkbox", "radio") or "checked" in attr:
                form.values.setdefault(name, attr.get("value", ""))
        elif tag == "select":
            self._select = name
            form.options[name] = []
        elif tag == "option" and self._select is not None:
            value = attr.get("value", "")
            if value:
                form.options[self._select].append(value)
            if "selected" in attr:
                form.values[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            form.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self.forms:
            self.forms[-1].values[self._textarea] += data


@dataclass(frozen=True)
class Page:
    forms: list[Form]
    links: list[str]

    def form_with(self, field_name: str) -> Form | None:
        """The first form that has this field."""
        matching = (f for f in self.forms if field_name in f.values or field_name in f.options)
        return next(matching, None)

    def links_matching(self, pattern: re.Pattern[str]) -> list[str]:
        return [link for link in self.links if pattern.fullmatch(link)]


def read(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return Page(parser.forms, parser.links)


# A small, complete PDF, as a citizen's scan might be (the portal checks the content).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
