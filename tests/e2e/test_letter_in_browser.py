"""The citizen downloads the answer's letter, opens its check by the code and uploads the
file: it matches; a copy with one byte changed does not."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from appeals.models import Appeal, Letter
from tests.appeals.letters import (
    letter_settings,  # noqa: F401 - a fixture
    one_byte_changed,
    pdf_text,
    signing_pair,  # noqa: F401 - a fixture
)
from tests.conftest import People

AxeCheck = Callable[[Page], None]
PASSWORD = "correct horse battery"  # tests.factories.UserFactory's password


def log_in(page: Page, url: str, user: User) -> None:
    page.context.clear_cookies()
    page.goto(url)
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()


def check_file(page: Page, path: Path) -> str | None:
    page.set_input_files("main form [name=file]", str(path))
    page.locator("main form:has([name=file]) [type=submit]").click()
    page.wait_for_load_state()
    return page.locator("[data-verdict]").get_attribute("data-verdict")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush", "letter_settings")
def test_the_citizen_downloads_and_verifies_the_letter(
    people: People, appeal_in: Callable[[str], Appeal], live_server: LiveServer, page: Page,
    axe_check: AxeCheck, tmp_path: Path,
) -> None:  # fmt: skip
    appeal = appeal_in(Appeal.Status.ANSWERED)
    log_in(page, live_server.url + "/accounts/login/", people.citizen)
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    with page.expect_download() as download:
        page.locator(f'a[href="/appeals/{appeal.pk}/letter/"]').click()
    letter_file = tmp_path / "letter.pdf"
    download.value.save_as(letter_file)
    data = letter_file.read_bytes()
    letter = Letter.objects.get(appeal=appeal)
    qr_address = re.search(r"/verify/([A-Z2-7-]+)/", pdf_text(data))
    assert qr_address is not None and qr_address.group(1) == letter.code

    page.reload()  # the letter is made: its code is on the page now
    page.locator(f'a[href="/verify/{letter.code}/"]').click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(letter.sha256)
    expect(page.locator("main")).not_to_contain_text(people.citizen.full_name)
    axe_check(page)
    assert check_file(page, letter_file) == "matches"

    changed = tmp_path / "changed.pdf"
    changed.write_bytes(one_byte_changed(data))
    assert check_file(page, changed) == "differs"
    expect(page.locator("[data-verdict]")).to_have_class(re.compile("error"))
