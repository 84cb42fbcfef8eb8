from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from portal.devservices import BASE_DIR

LOCALE = BASE_DIR / "locale"
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


@needs_gettext
@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_message_is_translated(language: str) -> None:
    catalogue = LOCALE / language / "LC_MESSAGES" / "django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(catalogue)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert untranslated.strip() == ""


@needs_gettext
@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_compiled_catalogue_is_up_to_date(language: str, tmp_path: Path) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(folder / "django.po")], check=True
    )
    assert compiled.read_bytes() == (folder / "django.mo").read_bytes(), "run `make messages`"
