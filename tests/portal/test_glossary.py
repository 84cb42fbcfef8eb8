"""The catalogues and the reference data follow docs/glossary.toml; the checker itself is
tested on crafted entries, good and bad."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from agencies.reference_data import APPEAL_TYPES
from portal.devservices import BASE_DIR
from tests.portal.glossary import (
    CATALOGUES,
    Glossary,
    catalogue_problems,
    load_glossary,
    problems,
    read_po,
    reference_problems,
    source_problems,
)

GLOSSARY = load_glossary()


@pytest.mark.parametrize("catalogue", sorted(CATALOGUES))
def test_the_catalogue_follows_the_glossary(catalogue: str) -> None:
    language, path = CATALOGUES[catalogue]
    assert catalogue_problems(GLOSSARY, language, path) == []


def test_the_english_sources_follow_the_glossary() -> None:
    assert source_problems(GLOSSARY, CATALOGUES["ru"][1]) == []


def test_the_reference_data_follows_the_glossary() -> None:
    assert reference_problems(GLOSSARY) == []


def test_each_appeal_type_carries_its_glossary_names() -> None:
    terms = {term["code"]: term for term in GLOSSARY.terms if "code" in term}
    assert set(terms) == {kind.code for kind in APPEAL_TYPES}
    for kind in APPEAL_TYPES:
        term = terms[kind.code]
        names = (kind.name.ru, kind.name.kk, kind.name.en)
        assert names == tuple(term[language].capitalize() for language in ("ru", "kk", "en"))


def test_the_doc_page_lists_every_term() -> None:
    page = (BASE_DIR / "docs" / "glossary.md").read_text(encoding="utf-8")
    rows = [f"| {term['en']} | {term['ru']} | {term['kk']} |" for term in GLOSSARY.terms]
    assert [row for row in rows if row not in page] == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_djangos_strings_are_compiled(domain: str, tmp_path: Path) -> None:
    folder = BASE_DIR / "locale_django" / "kk" / "LC_MESSAGES"
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "--check", "-o", compiled, folder / f"{domain}.po"], check=True)
    assert compiled.read_bytes() == (folder / f"{domain}.mo").read_bytes(), "compilemessages"


def test_make_messages_leaves_djangos_strings_alone() -> None:
    """`makemessages` writes each source file's strings to the first of settings.LOCALE_PATHS
    (and any folder named `locale`) whose parent holds the file: the project's `locale/`
    comes first and `locale_django/` is named otherwise, so it is never written."""
    first, *others = [Path(path) for path in settings.LOCALE_PATHS]
    assert first == BASE_DIR / "locale"
    assert BASE_DIR / "locale_django" in others
    assert all(path.name != "locale" for path in others)


@pytest.mark.parametrize(
    ("language", "source", "bad", "good"),
    [
        # A term the glossary says not to use.
        ("kk", "Front-office operator", "Фронт-кеңсе операторы", "Фронт-офис операторы"),
        ("kk", "Public services", "Мемлекеттік қызметтер", "Мемлекеттік көрсетілетін қызметтер"),
        ("ru", "membership", "роль в госоргане", "роль в государственном органе"),
        # The English left as it was; a code may stay.
        ("ru", "Save", "Save", "Сохранить"),
        ("kk", "Portal", "Portal", "Портал"),
        # A Latin letter inside a Cyrillic word (a Latin "i" in «Өтініш», a Latin "c").
        ("kk", "Appeal", "Өтiніш", "Өтініш"),
        ("ru", "Certificate", "Cертификат", "Сертификат"),
        # The citizen addressed with a capital mid-sentence (the catalogues write lowercase).
        ("ru", "Thank you: your rating is recorded.", "Спасибо, Ваша оценка учтена.",
         "Спасибо, ваша оценка учтена."),
        ("kk", "Are you satisfied?", "Жауап Сізді қанағаттандырды ма?",
         "Жауап сізді қанағаттандырды ма?"),
        # A Kazakh placeholder before a word that needs a case ending, or carrying one.
        ("kk", "Until %(date)s", "%(date)s дейін", "%(date)s күніне дейін"),
        ("kk", "From %(time)s", "%(time)s бастап", "Басталуы: %(time)s"),
        ("kk", "Given on %(date)s", "%(date)s берілген", "%(date)s күні берілген"),
        ("kk", "From 1 to %(most)s", "1-ден %(most)s-ге дейін", "Ең азы 1, ең көбі %(most)s"),
    ],
)  # fmt: skip
def test_the_checker_finds_a_bad_entry_and_passes_its_fix(
    language: str, source: str, bad: str, good: str
) -> None:
    assert problems(GLOSSARY, language, source, bad) != []
    assert problems(GLOSSARY, language, source, good) == []


def test_a_sentence_may_begin_with_the_capital() -> None:
    assert problems(GLOSSARY, "ru", "You may object.", "Вы можете возразить.") == []
    sent = "Жіберілді. Сіз қарсылық білдіре аласыз."
    assert problems(GLOSSARY, "kk", "Sent. You may object.", sent) == []


def test_a_code_may_stay_as_in_english() -> None:
    assert problems(GLOSSARY, "kk", "PDF", "PDF") == []
    assert problems(GLOSSARY, "ru", "SHA-256", "SHA-256") == []


def test_the_other_address_style_finds_the_lowercase() -> None:
    capitalised = dataclasses.replace(GLOSSARY, address="capitalised")
    assert problems(capitalised, "ru", "Thank you", "Спасибо, ваша оценка учтена.") != []
    assert problems(capitalised, "ru", "Thank you", "Спасибо, Ваша оценка учтена.") == []


def test_a_crafted_catalogue_fails(tmp_path: Path) -> None:
    catalogue = tmp_path / "django.po"
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Language: kk\\n"\n\n'
        '#: appeals/models.py:1\nmsgid "No substance of the matter"\n'
        'msgstr "Мәселенің мәні жоқ"\n\n'
        '#, fuzzy\nmsgid "Save"\nmsgstr "Save"\n\n'
        'msgctxt "state body"\nmsgid "active"\nmsgstr ""\n"жұмыс "\n"істейді"\n\n'
        '#~ msgid "Old"\n#~ msgstr "Old"\n',
        encoding="utf-8",
    )
    entries = read_po(catalogue)
    assert [(entry.context, entry.source) for entry in entries] == [
        (None, "No substance of the matter"), (None, "Save"), ("state body", "active"),
    ]  # fmt: skip
    assert entries[2].translations == ("жұмыс істейді",)
    (problem,) = catalogue_problems(GLOSSARY, "kk", catalogue)
    assert problem.startswith("'No substance of the matter': «мәселенің мәні жоқ»")


def test_the_glossary_is_whole() -> None:
    assert isinstance(GLOSSARY, Glossary)
    assert len(GLOSSARY.terms) >= 40
    for term in GLOSSARY.terms:
        assert {"en", "ru", "kk", "source"} <= set(term), term
