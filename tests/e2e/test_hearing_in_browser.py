"""The hearing before a refusal, in the browser: the executor tells the citizen of the intended
refusal, the citizen follows the email's link and objects, the executor reads the objection and
sends a refusal that says why, on what basis and how to challenge it; and a bare refusal
stopped by the check with each thing it lacks."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from appeals.models import Appeal
from appeals.services import appeal_assign, appeal_register, hearing_object
from notifications.models import Notification
from tests.appeals.test_hearings import INTENDED, OBJECTION, REFUSAL
from tests.conftest import People, submit_appeal
from tests.e2e.test_backoffice_journey import act, log_in, submit

AxeCheck = Callable[[Page], None]


def in_progress(people: People) -> Appeal:
    appeal = submit_appeal(people.citizen, people.agency)
    appeal_register(appeal_id=appeal.pk, actor=people.registrar)
    return appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)


def refuse(page: Page, text: str) -> None:
    act(page, "answer")
    page.select_option("select[name=kind]", "refused")
    page.fill("textarea[name=text]", text)
    submit(page)


@pytest.mark.django_db(transaction=True)
def test_notice_objection_then_refusal(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page,
    axe_check: AxeCheck,
) -> None:  # fmt: skip
    appeal = in_progress(people)
    backoffice = live_server.url + "/backoffice/"
    appeal_page = f"{backoffice}appeals/appeal/{appeal.pk}/change/"

    # The executor tells the citizen of the intended refusal and its grounds.
    log_in(page, backoffice + "login/", people.executor)
    page.goto(appeal_page)
    act(page, "hear")
    expect(page.locator(".action-note")).to_contain_text("73")
    page.fill("textarea[name=intended]", INTENDED)
    submit(page)
    expect(page.locator("#hearing")).to_contain_text(INTENDED)

    # The email's link brings the citizen, once logged in, to the objection form.
    notice = Notification.objects.get(kind="appeal.hearing", recipient=people.citizen)
    link = re.search(r"https?://\S+#hearing", notice.body)
    assert link is not None
    page.context.clear_cookies()
    page.goto(link.group().replace(settings.SITE_URL.rstrip("/"), live_server.url))
    page.fill("input[name=username]", people.citizen.email)
    page.fill("input[name=password]", "correct horse battery")
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    section = page.locator("section#hearing")
    expect(section).to_contain_text(INTENDED)
    section.locator("textarea[name=text]").fill(OBJECTION)
    section.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("section#hearing .objection")).to_contain_text(OBJECTION)
    expect(page.locator("section#hearing form")).to_have_count(0)

    # The executor reads the objection, then sends a refusal that says what the law asks.
    log_in(page, backoffice + "login/", people.executor)
    page.goto(appeal_page)
    expect(page.locator("#hearing .objection")).to_contain_text(OBJECTION)
    axe_check(page)
    refuse(page, REFUSAL)
    appeal.refresh_from_db()
    assert (appeal.status, appeal.answer_kind) == (Appeal.Status.ANSWERED, "refused")

    # The citizen reads the refusal, and each step in the route.
    log_in(page, f"{live_server.url}/accounts/login/?next=/appeals/{appeal.pk}/", people.citizen)
    expect(page.locator("section.answer")).to_contain_text("обжаловать")
    route = page.locator("ol.timeline").inner_text()
    assert INTENDED in route and OBJECTION in route


@pytest.mark.django_db(transaction=True)
def test_a_bare_refusal_is_stopped_until_it_is_heard_and_reasoned(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page,
    axe_check: AxeCheck,
) -> None:  # fmt: skip
    appeal = in_progress(people)
    backoffice = live_server.url + "/backoffice/"
    log_in(page, backoffice + "login/", people.executor)
    page.goto(f"{backoffice}appeals/appeal/{appeal.pk}/change/")

    # "Refused." alone: no hearing, no grounds, no legal basis, no way to challenge it.
    refuse(page, "Отказано.")
    blocking = page.locator(".answer-blocking li")
    codes = [blocking.nth(i).get_attribute("data-code") for i in range(blocking.count())]
    assert codes == ["hearing", "refusal_grounds", "refusal_basis", "refusal_challenge"]
    expect(page.locator("input[name=override_warnings]")).to_have_count(0)
    axe_check(page)
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.IN_PROGRESS

    # Heard, and objected to; then the refusal with its grounds, basis and remedy goes.
    page.goto(f"{backoffice}appeals/appeal/{appeal.pk}/change/")
    act(page, "hear")
    page.fill("textarea[name=intended]", INTENDED)
    submit(page)
    hearing_object(appeal_id=appeal.pk, actor=people.citizen, text=OBJECTION)
    refuse(page, REFUSAL)
    appeal.refresh_from_db()
    assert (appeal.status, appeal.answer_text) == (Appeal.Status.ANSWERED, REFUSAL)
