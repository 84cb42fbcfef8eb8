"""The glossary lint: what is wrong with a Russian or Kazakh translation, measured against
docs/glossary.toml (explained in docs/glossary.md), for the catalogues and the reference data."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agencies import reference_data
from agencies.reference_types import Names
from portal.devservices import BASE_DIR

GLOSSARY = BASE_DIR / "docs" / "glossary.toml"
# Each catalogue linted, with its language: the project's, and Django's strings in Kazakh.
CATALOGUES = {
    "ru": ("ru", BASE_DIR / "locale" / "ru" / "LC_MESSAGES" / "django.po"),
    "kk": ("kk", BASE_DIR / "locale" / "kk" / "LC_MESSAGES" / "django.po"),
    "django-kk": ("kk", BASE_DIR / "locale_django" / "kk" / "LC_MESSAGES" / "django.po"),
    "djangojs-kk": ("kk", BASE_DIR / "locale_django" / "kk" / "LC_MESSAGES" / "djangojs.po"),
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdrif]|%[sdrif]|\{\w*\}")
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LETTERS = re.compile(r"[^\W\d_]+")
ADDRESS = {
    "ru": re.compile(r"(?<!\w)([Вв])(ы|ас|ам|ами|аш\w*)(?!\w)"),
    "kk": re.compile(r"(?<!\w)([Сс])(із\w*)"),
}
SENTENCE_END = ".!?…\n"
OPENING = " «\"'(“„"


@dataclass(frozen=True)
class Glossary:
    terms: list[dict[str, Any]]
    address: str  # "lowercase" or "capitalised"
    identical_allowed: frozenset[str]
    kk_after_placeholder: frozenset[str]
    kk_case_endings: frozenset[str]

    def avoided(self, language: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for term in self.terms:
            for word in term.get("avoid", {}).get(language, []):
                yield word, term


def load_glossary(path: Path = GLOSSARY) -> Glossary:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    lint = data["lint"]
    return Glossary(
        terms=data["terms"],
        address=lint["address"],
        identical_allowed=frozenset(lint["identical_allowed"]),
        kk_after_placeholder=frozenset(lint["kk_after_placeholder"]),
        kk_case_endings=frozenset(lint["kk_case_endings"]),
    )


def problems(glossary: Glossary, language: str, source: str, translation: str) -> list[str]:
    """What is wrong with one translation of `source` (English) into `language` (ru, kk)."""
    found = [
        f"«{word}»: the glossary says «{term[language]}»"
        for word, term in glossary.avoided(language)
        if re.search(r"(?<!\w)" + re.escape(word), translation, re.IGNORECASE)
    ]
    if _identical(glossary, source, translation):
        found.append("the same as the English")
    found += [f"Latin and Cyrillic letters in «{word}»" for word in _mixed_words(translation)]
    found += _address_problems(glossary, language, translation)
    if language == "kk":
        found += _placeholder_problems(glossary, translation)
    return found


def _identical(glossary: Glossary, source: str, translation: str) -> bool:
    text = translation.strip()
    return (
        text == source.strip()
        and text not in glossary.identical_allowed
        and bool(LATIN.search(PLACEHOLDER.sub("", text)))
    )


def _mixed_words(text: str) -> list[str]:
    words = LETTERS.findall(PLACEHOLDER.sub("\x00", text))
    return [word for word in words if LATIN.search(word) and CYRILLIC.search(word)]


def _sentence_starts_at(text: str, index: int) -> bool:
    before = text[:index].rstrip(OPENING)
    return before == "" or before[-1] in SENTENCE_END


def _address_problems(glossary: Glossary, language: str, text: str) -> list[str]:
    """Вы/вы (Сіз/сіз) against the glossary's style; a sentence may begin with either."""
    found = []
    for match in ADDRESS[language].finditer(text):
        word, capital = match.group(0), match.group(1).isupper()
        if (
            glossary.address == "lowercase"
            and capital
            and not _sentence_starts_at(text, match.start())
        ):
            found.append(f"«{word}» mid-sentence: the citizen is addressed in lowercase")
        if glossary.address == "capitalised" and not capital:
            found.append(f"«{word}»: the citizen is addressed with a capital")
    return found


def _placeholder_problems(glossary: Glossary, text: str) -> list[str]:
    """A placeholder cannot take the case ending the next word asks of it."""
    found = []
    for match in PLACEHOLDER.finditer(text):
        after = text[match.end() :]
        glued = re.match(r"-?([^\W\d_]+)", after)
        if glued and glued.group(1) in glossary.kk_case_endings:
            found.append(f"«{match.group(0)}{glued.group(0)}»: the ending depends on the value")
        following = re.match(r"\s+([^\W\d_]+)", after)
        if following and following.group(1) in glossary.kk_after_placeholder:
            word = following.group(1)
            found.append(f"«{match.group(0)} {word}»: «{word}» needs a case ending before it")
    return found


@dataclass(frozen=True)
class Entry:
    context: str | None
    source: str
    plural: str | None
    translations: tuple[str, ...]
    fuzzy: bool

    def sources(self) -> Iterator[tuple[str, str]]:
        """Each translation with the English it translates (the plural after the first)."""
        for index, translation in enumerate(self.translations):
            yield (self.plural if index and self.plural else self.source), translation


def _unescape(quoted: str) -> str:
    escapes = {"n": "\n", "t": "\t", "r": "\r"}
    body = quoted.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), body)


def read_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete ones, "#~", are comments here)."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    fuzzy = False
    key = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if (not line or line.startswith("#")) and any(k.startswith("msgstr") for k in fields):
            entries.append(_entry(fields, fuzzy))
            fields, fuzzy = {}, False
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            fields[key] += _unescape(line)
            continue
        key, _, rest = line.partition(" ")
        fields[key] = _unescape(rest)
    return [entry for entry in entries if entry.source]


def _entry(fields: dict[str, str], fuzzy: bool) -> Entry:
    translations = tuple(value for key, value in sorted(fields.items()) if key.startswith("msgstr"))
    return Entry(
        fields.get("msgctxt"), fields.get("msgid", ""), fields.get("msgid_plural"),
        translations, fuzzy,
    )  # fmt: skip


def catalogue_problems(glossary: Glossary, language: str, path: Path) -> list[str]:
    """Every problem of a catalogue's translated entries, each naming its msgid."""
    found = []
    for entry in read_po(path):
        if entry.fuzzy:
            continue
        for source, translation in entry.sources():
            found += [
                f"{entry.source!r}: {problem}"
                for problem in problems(glossary, language, source, translation)
                if translation
            ]
    return found


def source_problems(glossary: Glossary, path: Path) -> list[str]:
    """The English msgids against the glossary's English terms not to use."""
    return [
        f"{entry.source!r}: «{word}»: the glossary says «{term['en']}»"
        for entry in read_po(path)
        for word, term in glossary.avoided("en")
        if word.lower() in entry.source.lower()
    ]


def reference_names(value: object = None) -> Iterator[Names]:
    """Every trilingual name of the shipped reference data."""
    if value is None:
        value = [getattr(reference_data, name) for name in dir(reference_data) if name.isupper()]
    if isinstance(value, Names):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from reference_names(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from reference_names(getattr(value, field.name))


def reference_problems(glossary: Glossary) -> list[str]:
    found = []
    for names in reference_names():
        for language in ("ru", "kk"):
            text = getattr(names, language)
            found += [f"{text!r}: {p}" for p in problems(glossary, language, names.en, text)]
    return found
