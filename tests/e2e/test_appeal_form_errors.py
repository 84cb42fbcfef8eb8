"""The appeal form on a phone: an empty send says what is missing, as GOV.UK Frontend does, and
the character count speaks to a screen reader once the typing pauses, not at every key."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.utils import translation
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from appeals.models import SUBJECT_LIMIT
from tests.conftest import People
from tests.e2e.test_backoffice_journey import log_in

AxeCheck = Callable[[Page], None]
PHONE = ViewportSize(width=360, height=800)
MISSING = ["#id_category", "#id_region", "#id_addressee", "#id_subject", "#id_text", "#id_consent"]
# Every mutation of the subject's live region, recorded in the page.
RECORD_LIVE_REGION = """() => {
  const live = document.querySelector("#id_subject ~ .govuk-character-count__sr-status");
  window.liveUpdates = [];
  new MutationObserver(() => window.liveUpdates.push(live.textContent))
    .observe(live, {childList: true, characterData: true, subtree: true});
}"""


def in_russian(singular: str, plural: str, count: int) -> str:
    """A count's words as the page (the browser asks for Russian) should say them."""
    with translation.override("ru"):
        return translation.ngettext(singular, plural, count) % {"count": count}


def remaining(count: int) -> str:
    return in_russian(
        "You have %(count)s character remaining", "You have %(count)s characters remaining", count
    )


@pytest.mark.django_db(transaction=True)
def test_an_empty_send_lists_each_missing_field_and_leads_to_it(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page,
    axe_check: AxeCheck,
) -> None:  # fmt: skip
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url + "/accounts/login/?next=/appeals/new/", people.citizen)
    page.locator("main form [data-send]").click()
    page.wait_for_load_state()

    with translation.override("ru"):
        assert page.title().startswith(translation.gettext("Error:") + " ")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    links = summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert links == MISSING
    for field in MISSING:  # each error above its field, in a group marked in error
        group = page.locator(f".govuk-form-group--error:has({field})")
        expect(group.locator(".govuk-error-message")).to_have_count(1)
    summary.locator('a[href="#id_subject"]').click()
    expect(page.locator("#id_subject")).to_be_focused()
    assert page.evaluate("document.scrollingElement.scrollWidth") == PHONE["width"]
    axe_check(page)


@pytest.mark.django_db(transaction=True)
def test_the_count_is_spoken_once_the_typing_pauses(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page,
    axe_check: AxeCheck,
) -> None:  # fmt: skip
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url + "/accounts/login/?next=/appeals/new/", people.citizen)
    subject = page.locator("#id_subject")
    visible = page.locator("#id_subject ~ .govuk-character-count__status")
    live = page.locator("#id_subject ~ .govuk-character-count__sr-status")
    expect(visible).to_have_attribute("aria-hidden", "true")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(visible).to_have_text(remaining(SUBJECT_LIMIT))
    page.evaluate(RECORD_LIVE_REGION)

    typed = "Нет отопления"
    subject.press_sequentially(typed, delay=150)  # a key every 150 ms: never a pause of 1 s
    left = remaining(SUBJECT_LIMIT - len(typed))
    expect(visible).to_have_text(left)  # the eye sees each key's count at once
    assert page.evaluate("window.liveUpdates") == []  # the ear has heard nothing yet
    assert live.text_content() == ""
    expect(live).to_have_text(left)  # then, once the typing pauses, the count
    assert page.evaluate("window.liveUpdates") == [left]

    # Past the limit the count says by how much, as an error, and nothing is cut off.
    subject.fill("я" * (SUBJECT_LIMIT + 3))
    over = in_russian(
        "You have %(count)s character too many", "You have %(count)s characters too many", 3
    )
    expect(visible).to_have_text(over)
    expect(visible).to_have_class(re.compile(r"\bgovuk-error-message\b"))
    expect(subject).to_have_class(re.compile(r"\bgovuk-input--error\b"))
    expect(subject).to_have_value("я" * (SUBJECT_LIMIT + 3))
    expect(live).to_have_text(over)
    axe_check(page)
