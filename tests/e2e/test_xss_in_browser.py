"""XSS payloads in an appeal, opened in a real browser: shown as text, nothing runs.

The `page` fixture fails the test on any script the Content-Security-Policy blocks, so a
payload that became markup fails it twice: as a blocked inline script or handler, and here
as an element in the page or a dialog.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from appeals.models import Appeal
from appeals.rating import feedback_give
from appeals.services import (
    appeal_answer,
    appeal_assign,
    appeal_extend,
    appeal_register,
)
from tests.conftest import People, submit_appeal
from tests.security.helpers import a_later_working_day

PASSWORD = "correct horse battery"  # tests.factories.UserFactory's password
TYPED = {
    "subject": "<script>alert('subject')</script>",
    "text": "\"><img src=x onerror=alert('text')> — в доме нет отопления.",
    "answer": "</textarea><svg onload=alert('answer')>",
    "extension": "'-alert('extension')-'",
    "rating": "</textarea><img src=x onerror=alert('rating')>",
    "instruction": "<iframe src=javascript:alert('instruction')></iframe>",
}


def log_in(page: Page, url: str, user: User) -> None:
    page.context.clear_cookies()
    page.goto(url)
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()


def answered_with_payloads(people: People) -> Appeal:
    appeal = submit_appeal(
        people.citizen, people.agency, subject=TYPED["subject"], text=TYPED["text"]
    )
    appeal_register(appeal_id=appeal.pk, actor=people.registrar)
    appeal_assign(
        appeal_id=appeal.pk, actor=people.head, executor=people.executor,
        instruction=TYPED["instruction"],
    )  # fmt: skip
    until = a_later_working_day(appeal)
    appeal_extend(appeal_id=appeal.pk, actor=people.head, until=until, reason=TYPED["extension"])
    appeal_answer(
        appeal_id=appeal.pk, actor=people.executor, kind="explained", text=TYPED["answer"],
        override_warnings=True,  # a short answer: the check is not what is tested here
    )  # fmt: skip
    feedback_give(appeal_id=appeal.pk, satisfied=False, reason="formal", comment=TYPED["rating"])
    return appeal


def assert_inert(page: Page, dialogs: list[str], *shown: str) -> None:
    page.wait_for_timeout(300)  # time for an onload/onerror to fire, had one been created
    assert dialogs == []
    live = "img[src=x], svg[onload], iframe, script:not([src]):not([type='application/json'])"
    assert page.locator(live).count() == 0
    text = page.locator("body").inner_text() + " ".join(
        page.locator("textarea").evaluate_all("areas => areas.map(a => a.value)")
    )
    for typed in shown:
        assert typed in text


@pytest.mark.django_db(transaction=True)
def test_the_citizen_and_the_back_office_see_the_payloads_as_text(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page
) -> None:
    appeal = answered_with_payloads(people)
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)

    log_in(page, live_server.url + "/accounts/login/", people.citizen)
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    shown = [TYPED[field] for field in ("subject", "text", "answer", "extension", "rating")]
    assert_inert(page, dialogs, *shown)
    page.goto(f"{live_server.url}/appeals/")
    assert_inert(page, dialogs, TYPED["subject"])

    log_in(page, live_server.url + "/backoffice/login/", people.head)
    page.goto(f"{live_server.url}/backoffice/appeals/appeal/{appeal.pk}/change/")
    shown = [TYPED[field] for field in ("subject", "text", "answer", "extension", "instruction")]
    assert_inert(page, dialogs, *shown)
    page.goto(f"{live_server.url}/backoffice/appeals/appeal/")
    assert_inert(page, dialogs, TYPED["subject"])
