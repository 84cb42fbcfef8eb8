from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from appeals.attachments import MAX_FILES
from appeals.forms import FILES_HELP
from appeals.models import SUBJECT_LIMIT, TEXT_LIMIT, TEXT_MINIMUM
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "helps"),
    [
        ("en", [f"Up to {SUBJECT_LIMIT} characters.",
                f"From {TEXT_MINIMUM} to {TEXT_LIMIT} characters.",
                f"Up to {MAX_FILES} files, each up to 10 MB"]),
        ("kk", [f"Ең көбі {SUBJECT_LIMIT} таңба.",
                f"Таңбалар саны: {TEXT_MINIMUM} – {TEXT_LIMIT}.",
                f"Ең көбі {MAX_FILES} файл, әрқайсысы 10 МБ-қа дейін"]),
        ("ru", [f"Не более {SUBJECT_LIMIT} символов.",
                f"От {TEXT_MINIMUM} до {TEXT_LIMIT} символов.",
                f"Не более {MAX_FILES} файлов, каждый до 10 МБ"]),
    ],
)  # fmt: skip
def test_the_appeal_form_help_texts_speak_the_page_language(
    people: People, language: str, helps: list[str]
) -> None:
    client = client_for(people.citizen)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("appeals:new")).content.decode()
    assert [help_text for help_text in helps if help_text not in page] == []
    if language != "ru":
        assert "Не более" not in page


def test_the_files_help_of_every_form_is_translated_when_shown() -> None:
    with translation.override("kk"):
        assert str(FILES_HELP).startswith(f"Ең көбі {MAX_FILES} файл")
    with translation.override("en"):
        assert str(FILES_HELP).startswith(f"Up to {MAX_FILES} files")
