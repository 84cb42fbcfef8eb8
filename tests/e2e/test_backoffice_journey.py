"""An appeal's whole route, clicked through the back-office, seen in the citizen's timeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from agencies.models import Agency
from appeals.models import Appeal
from tests.conftest import People, submit_appeal
from tests.factories import MembershipFactory

PASSWORD = "correct horse battery"  # tests.factories.UserFactory's password
WIDTHS = (1280, 360)
# Links and controls smaller than 24 × 24 px, however axe judges their spacing.
SMALL_TARGETS = """() => [...document.querySelectorAll(
        'a[href], button, input:not([type=hidden]), select, textarea, summary')]
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.width > 0 && (r.width < 24 || r.height < 24); })
    .map(e => e.outerHTML.slice(0, 80))"""


def log_in(page: Page, url: str, user: User) -> None:
    page.context.clear_cookies()
    page.goto(url)
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()


def check_both_widths(page: Page, axe_check: Callable[[Page], None]) -> None:
    """At 1280 and 360 px: no serious axe violation, every target at least 24 px (WCAG 2.2's
    target-size, run on its own since it is off by default), no sideways scrolling."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        axe_check(page)
        target_size = Axe().run(page, options={"runOnly": ["target-size"]}).response
        assert target_size["violations"] == [], (width, page.url)
        assert page.evaluate(SMALL_TARGETS) == [], (width, page.url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def act(page: Page, action: str) -> None:
    page.locator(f'a[href$="/act/{action}/"]').click()
    page.wait_for_load_state()


def submit(page: Page) -> None:
    page.locator("#content-main form [type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_register_forward_assign_answer_and_the_citizen_sees_it(
    reference_after_flush: None,
    people: People,
    live_server: LiveServer,
    page: Page,
    axe_check: Callable[[Page], None],
) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    backoffice = live_server.url + "/backoffice/"
    appeal_page = f"{backoffice}appeals/appeal/{appeal.pk}/change/"

    # A registrar of the addressee registers the appeal, then sees it is not theirs.
    log_in(page, backoffice + "login/?next=/backoffice/appeals/appeal/", people.registrar)
    check_both_widths(page, axe_check)
    page.locator(f"text={appeal.reference}").click()
    act(page, "register")
    submit(page)
    assert page.url == appeal_page
    check_both_widths(page, axe_check)
    act(page, "forward")
    page.select_option("select[name=to_agency]", str(people.other_agency.pk))
    page.fill("textarea[name=reason]", "Адрес заявителя в Астане")
    submit(page)

    # The head of the receiving agency registers it and assigns an executor.
    receiving_head = people.other_agency_head
    executor = MembershipFactory.create(agency=people.other_agency, role="executor").user
    log_in(page, backoffice + "login/", receiving_head)
    page.goto(backoffice + "appeals/appeal/?queue=registration")
    page.locator(f"text={appeal.reference}").click()
    act(page, "register")
    submit(page)
    act(page, "assign")
    page.select_option("select[name=executor]", str(executor.pk))
    submit(page)
    check_both_widths(page, axe_check)

    # The executor answers.
    log_in(page, backoffice + "login/", executor)
    page.goto(appeal_page)
    act(page, "answer")
    page.select_option("select[name=kind]", "satisfied")
    page.fill("textarea[name=text]", "Отопление в доме по улице Абая, 10 включено 20 ноября.")
    submit(page)

    appeal.refresh_from_db()
    assert (appeal.status, appeal.agency) == (Appeal.Status.ANSWERED, people.other_agency)

    # The citizen reads each step on their appeal's page.
    log_in(page, live_server.url + "/accounts/login/", people.citizen)
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    route = page.locator("ol.timeline li")
    assert route.count() == 6
    text = page.locator("ol.timeline").inner_text()
    assert Agency.objects.get(pk=people.other_agency.pk).name_ru in text
    assert "Адрес заявителя в Астане" in text
    assert "Отопление в доме по улице Абая, 10 включено 20 ноября." in page.content()
