"""A clarification's round trip in the browser: the executor asks in the back-office, the
citizen replies with a file on the appeal's page, the executor reads it and downloads the
file. And a template filling the answer form."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from appeals.answer_templates import render_template
from appeals.models import AnswerTemplate, Appeal, Question
from tests.conftest import People
from tests.e2e.test_backoffice_journey import act, log_in, submit
from tests.files import pdf

AxeCheck = Callable[[Page], None]
ASKED = "Уточните, пожалуйста, номер квартиры и подъезд."


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf("plan.pdf").read())
    return path


@pytest.mark.django_db(transaction=True)
def test_a_clarification_goes_there_and_back(
    reference_after_flush: None,
    people: People,
    appeal_in: Callable[[str], Appeal],
    live_server: LiveServer,
    page: Page,
    axe_check: AxeCheck,
    plan: Path,
) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    appeal_page = f"{live_server.url}/backoffice/appeals/appeal/{appeal.pk}/change/"

    # The executor asks; the page says the deadline does not stop.
    log_in(page, live_server.url + "/backoffice/login/", people.executor)
    page.goto(appeal_page)
    act(page, "ask")
    expect(page.locator(".action-note")).to_contain_text("76")
    page.select_option("select[name=kind]", "clarification")
    page.fill("textarea[name=text]", ASKED)
    submit(page)
    expect(page.locator("fieldset.questions")).to_contain_text(ASKED)
    question = Question.objects.get(appeal=appeal)

    # The citizen reads it on the appeal's page and replies with a file.
    log_in(page, live_server.url + "/accounts/login/", people.citizen)
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    thread = page.locator(f"#question-{question.pk}")
    expect(thread).to_contain_text(ASKED)
    expect(page.locator("section.questions .question-deadline")).to_contain_text("76")
    thread.locator("textarea[name=text]").fill("Квартира 12, подъезд 2.")
    thread.locator("input[name=attachments]").set_input_files(plan)
    thread.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(f"#question-{question.pk}")).to_contain_text("Квартира 12, подъезд 2.")
    expect(page.locator(f"#question-{question.pk} form")).to_have_count(0)

    # The executor reads the reply and downloads its file.
    log_in(page, live_server.url + "/backoffice/login/", people.executor)
    page.goto(appeal_page)
    reply = page.locator(f"fieldset.questions #question-{question.pk}")
    expect(reply).to_contain_text("Квартира 12, подъезд 2.")
    with page.expect_download() as download:
        reply.locator("a[download]", has_text="plan.pdf").click()
    path = download.value.path()
    assert path is not None and Path(path).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == "plan.pdf"


@pytest.mark.django_db(transaction=True)
def test_a_template_fills_the_answer_in(
    reference_after_flush: None,
    people: People,
    appeal_in: Callable[[str], Appeal],
    live_server: LiveServer,
    page: Page,
    axe_check: AxeCheck,
) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    template = AnswerTemplate.objects.create(
        agency=people.agency, language="ru", title="Отопление восстановлено",
        category=appeal.category,
        text="Уважаемый(ая) {applicant}! По обращению {reference} сообщаем: подача тепла "
        "восстановлена 20 ноября, температура в квартирах проверена комиссией акимата.",
    )  # fmt: skip
    filled = render_template(template, appeal)

    log_in(page, live_server.url + "/backoffice/login/", people.executor)
    page.goto(f"{live_server.url}/backoffice/appeals/appeal/{appeal.pk}/act/answer/")
    expect(page.locator("form.template-picker button[type=submit]")).to_be_hidden()
    page.select_option("select[name=template]", str(template.pk))
    expect(page.locator("#content-main form[method=post] textarea[name=text]")).to_have_value(
        filled
    )
    axe_check(page)
    page.select_option("select[name=kind]", "satisfied")
    page.locator("#content-main form[method=post] input.default[type=submit]").click()
    page.wait_for_load_state()
    appeal.refresh_from_db()
    assert (appeal.status, appeal.answer_text) == (Appeal.Status.ANSWERED, filled)
