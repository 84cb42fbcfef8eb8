from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import translation

from portal.devservices import BASE_DIR

LOCALE = BASE_DIR / "locale"
NOT_SOURCES = {"locale", "tests", "bench", "docs", "node_modules"}
needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="GNU gettext is not installed (.ci/run installs it)"
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Напишите в государственный орган"), ("kk", "Мемлекеттік органға жазыңыз"),
     ("en", "Write to a state body")],
)  # fmt: skip
def test_the_home_page_speaks_each_language(client: Client, language: str, heading: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()
    assert heading in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_remembers_the_choice(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    assert 'lang="kk"' in client.get("/").content.decode()


def test_translated_validation_messages() -> None:
    from accounts.identifiers import validate_iin

    with translation.override("kk"), pytest.raises(Exception) as error:
        validate_iin("123")
    assert "12" in str(error.value)
    assert "Enter exactly" not in str(error.value)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogues as `make messages` would leave them: the strings of today's code
    extracted and merged into a copy of the committed ones (in a tree of links to the
    sources, so that the committed catalogues stay as they are)."""
    root = tmp_path_factory.mktemp("extracted")
    for source in BASE_DIR.iterdir():
        if source.is_dir() and not source.name.startswith(".") and source.name not in NOT_SOURCES:
            (root / source.name).symlink_to(source)
    shutil.copytree(LOCALE, root / "locale")
    here = os.getcwd()
    os.chdir(root)
    try:
        with override_settings(LOCALE_PATHS=[root / "locale"]):
            call_command(
                "makemessages", locale=["ru", "kk"], no_obsolete=True, symlinks=True,
                verbosity=0,
            )  # fmt: skip
    finally:
        os.chdir(here)
    return root / "locale"


@needs_gettext
@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_message_is_translated(extracted: Path, language: str) -> None:
    """Extracted first: a string the catalogue has never seen fails too."""
    catalogue = extracted / language / "LC_MESSAGES" / "django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(catalogue)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert re.findall(r'^msgid "(.+)"$', untranslated, re.MULTILINE) == []


@needs_gettext
@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_compiled_catalogue_is_up_to_date(language: str, tmp_path: Path) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(folder / "django.po")], check=True
    )
    assert compiled.read_bytes() == (folder / "django.mo").read_bytes(), "run `make messages`"
