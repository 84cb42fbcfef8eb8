"""The whole path of a complaint about silence, in the browser: an appeal unanswered past its
deadline, the citizen's complaint, the body above upholding it, the body answering at last,
and the body's published figures showing an overturned answer and a late one."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from agencies.models import Agency
from appeals.models import Appeal
from appeals.services import appeal_assign, appeal_register
from ratings.models import Period, RankingRow, Scope
from ratings.snapshots import rankings_recompute
from tests.conftest import People, submit_appeal
from tests.e2e.test_backoffice_journey import act, log_in, submit
from tests.factories import MembershipFactory

AxeCheck = Callable[[Page], None]


@pytest.mark.django_db(transaction=True)
def test_silence_complained_about_upheld_and_answered_shows_in_the_figures(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page,
    axe_check: AxeCheck,
) -> None:  # fmt: skip
    url, backoffice = live_server.url, live_server.url + "/backoffice/"
    appeal = submit_appeal(people.citizen, people.agency)
    appeal_register(appeal_id=appeal.pk, actor=people.registrar)
    appeal_assign(appeal_id=appeal.pk, actor=people.head, executor=people.executor)
    # Its deadline passed three days ago, unanswered.
    Appeal.objects.filter(pk=appeal.pk).update(due_at=timezone.now() - datetime.timedelta(days=3))

    # The citizen complains about the inaction from the appeal's page.
    log_in(page, f"{url}/accounts/login/?next=/appeals/{appeal.pk}/", people.citizen)
    page.locator(f'a[href$="?complaint_of={appeal.pk}"]').click()
    page.wait_for_load_state()
    government = Agency.objects.get(code="government")
    expect(page.locator("[name=addressee]")).to_have_value(str(government.pk))
    text = page.locator("[name=text]")
    text.fill(text.input_value() + "Прошу обязать акимат ответить.")
    page.check("[name=consent]")
    axe_check(page)
    page.locator("main form [data-send]").click()
    page.wait_for_load_state()
    complaint = Appeal.objects.get(complaint_of=appeal)
    assert complaint.complaint_ground == "inaction"

    # The Office of the Government registers, assigns and upholds it, reading the appeal.
    head = MembershipFactory.create(agency=government, role="head").user
    executor = MembershipFactory.create(agency=government, role="executor").user
    complaint_page = f"{backoffice}appeals/appeal/{complaint.pk}/change/"
    log_in(page, backoffice + "login/", head)
    page.goto(complaint_page)
    expect(page.locator(".complained-about")).to_contain_text(appeal.reference)
    act(page, "register")
    submit(page)
    act(page, "assign")
    page.select_option("select[name=executor]", str(executor.pk))
    submit(page)
    log_in(page, backoffice + "login/", executor)
    page.goto(complaint_page)
    act(page, "decide")
    page.select_option("select[name=outcome]", "upheld")
    page.fill("textarea[name=text]", "Ответ не дан в срок: акимату ответить немедленно.")
    submit(page)
    axe_check(page)
    complaint.refresh_from_db()
    assert complaint.complaint_outcome == "upheld"

    # The akimat answers at last, late.
    log_in(page, backoffice + "login/", people.executor)
    page.goto(f"{backoffice}appeals/appeal/{appeal.pk}/change/")
    expect(page.locator("main")).to_contain_text(complaint.reference)
    act(page, "answer")
    page.select_option("select[name=kind]", "satisfied")
    page.fill("textarea[name=text]", "Отопление в доме по улице Абая, 10 включено 20 ноября.")
    submit(page)
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.ANSWERED and appeal.answered_at > appeal.due_at  # type: ignore[operator]

    # The citizen sees the decision; the published figures show what happened.
    log_in(page, f"{url}/accounts/login/?next=/appeals/{complaint.pk}/", people.citizen)
    with translation.override("ru"):  # the browser's language
        upheld = str(Appeal.ComplaintOutcome.UPHELD.label)
    expect(page.locator("main")).to_contain_text(upheld)
    rankings_recompute(periods=(Period.LAST_30_DAYS,))
    row = RankingRow.objects.get(
        snapshot__scope=Scope.AKIMATS, snapshot__period=Period.LAST_30_DAYS, agency=people.agency
    )
    assert (row.answered, row.answered_on_time, row.overturned) == (1, 0, 1)
    page.goto(f"{url}/ratings/agency/{people.agency.code}/?period=last_30_days")
    axe_check(page)
    figures = page.locator("main")
    expect(figures.locator("[data-figure=overturned]")).to_contain_text("1")
    expect(figures.locator("[data-figure=answered_on_time]")).to_contain_text("0")
