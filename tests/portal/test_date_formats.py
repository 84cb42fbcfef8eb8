"""One date format and one date-time format per language (portal/formats/), used by every
template, the back-office included."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from appeals.models import Appeal
from portal.devservices import BASE_DIR
from tests.conftest import People, client_for

NAMED = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT",
         "TIME_FORMAT", "c"}  # fmt: skip
# "6 декабря 2026 г.", "Dec. 6, 2026", "6 желтоқсан 2026": a date in words, Django's default.
IN_WORDS = re.compile(r"\b\d{1,2} [^\W\d_]{3,}\.? \d{4}\b|\b[A-Z][a-z]{2,}\.? \d{1,2}, \d{4}\b")


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_each_language_has_one_date_format(language: str) -> None:
    moment = datetime.datetime(2026, 12, 6, 17, 5, tzinfo=datetime.UTC)
    with translation.override(language):
        dates = {formats.date_format(moment, name) for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT")}
        times = {formats.date_format(moment, name)
                 for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT")}  # fmt: skip
    assert (dates, times) == ({"06.12.2026"}, {"06.12.2026 17:05"})


def test_templates_name_their_date_formats() -> None:
    literal = [
        f"{path.relative_to(BASE_DIR)}: {argument}"
        for path in (BASE_DIR / "templates").rglob("*")
        if path.suffix in {".html", ".txt"}
        for argument in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text())
        if argument not in NAMED
    ]
    assert literal == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_a_back_office_page_writes_its_dates_one_way(
    people: People, appeal_in: Callable[[str], Appeal], language: str
) -> None:
    appeal = appeal_in(Appeal.Status.ANSWERED)
    client = client_for(people.head)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = reverse("backoffice:appeals_appeal_change", args=[appeal.pk])
    content = client.get(page).content.decode()
    received = timezone.localtime(appeal.received_at)
    assert received.strftime("%d.%m.%Y") in content
    assert IN_WORDS.findall(content) == []
