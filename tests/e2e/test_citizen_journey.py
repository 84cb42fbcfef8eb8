"""A citizen's whole journey in the browser, and the appeal form in each language."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from agencies.models import Agency, Category, Region
from appeals.models import Appeal
from appeals.services import appeal_assign, appeal_register
from notifications.models import Notification
from tests.appeals.test_hearings import refused_after_hearing
from tests.conftest import People

AxeCheck = Callable[[Page], None]
PASSWORD = "a-long-passphrase-42"


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    from tests.files import png

    path = tmp_path / "scan.png"
    path.write_bytes(png().read())
    return path


def sign_up(page: Page, url: str) -> User:
    page.goto(url + "/accounts/sign-up/")
    page.fill("[name=email]", "dana@example.kz")
    page.fill("[name=full_name]", "Дана Серикова")
    page.check("[name=kind][value=individual]")
    page.fill("[name=iin_bin]", "900315400017")
    page.fill("[name=phone]", "+77015556677")
    page.select_option("[name=preferred_language]", "ru")
    page.fill("[name=password1]", PASSWORD)
    page.fill("[name=password2]", PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    user = User.objects.get(email="dana@example.kz")
    body = Notification.objects.get(recipient=user, kind="account.confirm_email").body
    link = re.search(r"https?://\S+(/accounts/confirm/\S+/)", body)
    assert link
    page.goto(url + link.group(1))  # the link from the email
    return user


def on_a_phone(page: Page, axe_check: AxeCheck) -> None:
    """The page fits 360 px without sideways scrolling, and passes axe there too."""
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.scrollingElement.scrollWidth") == 360, page.url
    axe_check(page)
    if size:
        page.set_viewport_size(size)


def fill_appeal(page: Page, scan: Path) -> None:
    page.select_option("[name=category]", str(Category.objects.get(code="housing-heating").pk))
    page.select_option("[name=region]", str(Region.objects.get(code="KZ-75").pk))
    akimat = str(Agency.objects.get(code="akimat-kz-75").pk)
    expect(page.locator("[name=addressee]")).to_have_value(akimat)
    assert page.locator("#routing-why").inner_text().strip()
    page.fill("[name=subject]", "Нет отопления")
    page.fill("[name=text]", "В доме по улице Абая, 10 нет отопления с 1 ноября.")
    page.set_input_files("[name=attachments]", str(scan))
    page.check("[name=consent]")


@pytest.mark.django_db(transaction=True)
def test_sign_up_send_follow_rate_and_complain(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page,
    axe_check: AxeCheck, scan: Path,
) -> None:  # fmt: skip
    url = live_server.url
    citizen = sign_up(page, url)
    assert page.url.endswith("/appeals/new/")

    fill_appeal(page, scan)
    axe_check(page)
    page.locator("main form [data-send]").click()
    page.wait_for_load_state()
    appeal = Appeal.objects.get(applicant=citizen)
    assert page.locator(".govuk-panel [data-reference]").inner_text() == appeal.reference
    assert appeal.attachments.count() == 1
    axe_check(page)
    on_a_phone(page, axe_check)

    page.goto(url + "/appeals/")
    assert appeal.reference in page.locator("table.appeals").inner_text()
    on_a_phone(page, axe_check)

    # Staff answer it through the services.
    appeal_register(appeal_id=appeal.pk, actor=people.registrar)
    appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)
    refused_after_hearing(appeal, people.executor)

    page.goto(f"{url}/appeals/{appeal.pk}/")
    page.check("form.feedback [name=satisfied][value=no]")
    page.select_option("form.feedback [name=reason]", "formal")
    page.locator("form.feedback [type=submit]").click()
    page.wait_for_load_state()
    assert appeal.feedback.satisfied is False
    axe_check(page)
    on_a_phone(page, axe_check)

    page.locator(f'a[href$="?complaint_of={appeal.pk}"]').click()
    page.wait_for_load_state()
    assert appeal.reference in page.input_value("[name=subject]")
    page.fill("[name=text]", page.input_value("[name=text]") + " ответ формальный.")
    page.check("[name=consent]")
    page.locator("main form [data-send]").click()
    page.wait_for_load_state()
    complaint = Appeal.objects.get(complaint_of=appeal)
    assert complaint.type.code == "complaint"

    page.goto(url + "/accounts/profile/")
    page.goto(f"{url}/appeals/{complaint.pk}/")
    page.locator(f'a[href="/appeals/{appeal.pk}/"]').first.click()
    page.wait_for_load_state()
    assert complaint.reference in page.content()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "heading", "label"),
    [
        ("ru", "Направить обращение", "Текст обращения"),
        ("kk", "Өтініш жіберу", "Өтініш мәтіні"),
        ("en", "Send an appeal", "Text of the appeal"),
    ],
)
def test_the_appeal_form_in_each_language(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page,
    axe_check: AxeCheck, scan: Path, language: str, heading: str, label: str,
) -> None:  # fmt: skip
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", people.citizen.email)
    page.fill("input[name=password]", "correct horse battery")
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/appeals/new/")
    # Logging in chose the profile's language (Russian); the switch on the page changes it
    # (the current language is marked, not offered as a button).
    if page.locator('header [aria-current="true"][lang]').get_attribute("lang") != language:
        page.locator(f"header button[name=language][value={language}]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert page.url.endswith("/appeals/new/")
    assert page.locator("h1").inner_text() == heading
    assert page.locator("label[for=id_text]").inner_text().startswith(label)
    axe_check(page)
    fill_appeal(page, scan)
    page.locator("main form [data-send]").click()
    page.wait_for_load_state()
    assert Appeal.objects.filter(applicant=people.citizen).count() == 1
