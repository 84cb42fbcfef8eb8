"""The information pages of the footer: open to anyone in every language, one heading each,
linked from every page, and the help page's deadlines taken from the appeal types."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import translation

from agencies.models import AppealType
from portal.pages import PAGES, TYPE_HINTS

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "kk", "en")


def page(client: Client, name: str, language: str = "en") -> str:
    response = client.get(reverse(f"pages:{name}"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_answers_anyone_in_each_language_with_one_heading(
    client: Client, name: str, language: str
) -> None:
    html = page(client, name, language)
    assert f'<html lang="{language}"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert 'class="govuk-heading-l"' in html


def test_the_footer_links_every_page_and_the_api(client: Client) -> None:
    html = page(client, "about")
    footer = html[html.index('<footer class="site-footer">') :]
    hrefs = set(re.findall(r'href="([^"]+)"', footer))
    expected = {reverse(f"pages:{name}") for name in PAGES} | {reverse("api-docs")}
    assert expected <= hrefs


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_help_page_lists_every_appeal_type_with_its_deadline(
    client: Client, language: str
) -> None:
    html = page(client, "help", language)
    guide = html[html.index('class="govuk-summary-list type-guide"') :]
    listed = re.findall(r'<dt class="govuk-summary-list__key">([^<]+)</dt>.*?data-deadline="(\d+)"',
                        guide, flags=re.S)  # fmt: skip
    types = AppealType.objects.order_by("position")
    assert types.count() == 6
    with translation.override(language):
        assert listed == [(kind.name, str(kind.deadline_working_days)) for kind in types]


def test_the_help_page_says_what_each_type_is_for_and_the_deadline_in_words(client: Client) -> None:
    html = page(client, "help")
    for code, hint in TYPE_HINTS.items():
        assert AppealType.objects.filter(code=code).exists()
        with translation.override("en"):
            assert str(hint) in unescape(html)
    assert "Answer within 15 working days." in html
    assert "Answer within 20 working days." in html


def test_the_contacts_and_the_accessibility_statement_give_the_support_address(
    client: Client, settings: Any
) -> None:
    settings.SUPPORT_EMAIL, settings.SUPPORT_PHONE = "help@otinish.test", "1414"
    contacts = page(client, "contacts")
    assert 'href="mailto:help@otinish.test"' in contacts and 'href="tel:1414"' in contacts
    assert "help@otinish.test" in page(client, "accessibility")


def test_the_open_data_page_names_the_api_endpoints_that_exist(client: Client) -> None:
    html = page(client, "open_data")
    paths = re.findall(r"<code>(/api/v1/[^<]*)</code>", html)
    assert len(paths) == 9
    for path in paths:
        resolve(path.split("?")[0].replace("{id}", "1"))  # Resolver404 if it does not exist
    assert client.get("/api/v1/appeal-types/").status_code == 200
    assert reverse("api-docs") in html and reverse("api-redoc") in html
    assert reverse("ratings:rankings") in html and reverse("ratings:methodology") in html
