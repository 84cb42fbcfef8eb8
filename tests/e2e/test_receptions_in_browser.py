"""Receptions in the browser: a reception announced in the back-office, booked by a citizen
from the public calendar, held, its question taken under control and answered as an appeal,
both outcomes rated; and a meeting not held, shown so on the calendar with its reason. The
pages' axe and width checks are the every-page walk's (receptions_walk.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from agencies.models import Category, Region
from agencies.workdays import ALMATY
from appeals.from_meeting import control_latest_due
from appeals.models import Appeal, Feedback
from receptions.models import Booking, Meeting, Question, QuestionFeedback
from receptions.schedule import meeting_announce
from tests.conftest import People
from tests.e2e.test_backoffice_journey import act, log_in, submit

AxeCheck = Callable[[Page], None]
OFFICIAL = "Ерлан Приёмов"
QUESTION = "Во дворе дома по улице Абая, 10 третью неделю не вывозят мусор."
ANSWER = "Вывоз мусора со двора дома по улице Абая, 10 возобновлён 20 ноября по графику."
MEETINGS = reverse("backoffice:receptions_meeting_changelist")


def local_input(moment: datetime.datetime) -> str:
    """A moment as a datetime-local field takes it, in the portal's time zone."""
    return moment.astimezone(ALMATY).strftime("%Y-%m-%dT%H:%M")


def announce_in_the_back_office(page: Page, url: str, people: People) -> Meeting:
    """The head clicks through the announce form: a personal reception in an hour."""
    log_in(page, f"{url}/backoffice/login/?next={MEETINGS}", people.head)
    page.locator('a[href$="/receptions/meeting/announce/"]').click()
    page.wait_for_load_state()
    starts = (timezone.now() + datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    page.select_option("select[name=agency]", str(people.agency.pk))
    page.select_option("select[name=kind]", Meeting.Kind.PERSONAL)
    page.fill("input[name=official_name]", OFFICIAL)
    page.fill("input[name=official_post]", "Заместитель акима")
    page.select_option("select[name=region]", str(Region.objects.get(code="KZ-75").pk))
    page.fill("input[name=place]", "пр. Абылай хана, 91, каб. 305")
    page.fill("input[name=starts_at]", local_input(starts))
    page.fill("input[name=ends_at]", local_input(starts + datetime.timedelta(minutes=30)))
    page.fill("input[name=slot_minutes]", "15")
    submit(page)
    meeting = Meeting.objects.get(official_name=OFFICIAL)
    assert page.url.endswith(reverse("backoffice:receptions_meeting_change", args=[meeting.pk]))
    assert (meeting.starts_at, meeting.slots.count()) == (starts, 2)
    return meeting


def book_from_the_calendar(page: Page, url: str, people: People, meeting: Meeting) -> Booking:
    log_in(page, url + "/accounts/login/", people.citizen)
    page.locator('header a[href="/receptions/"]').click()
    page.wait_for_load_state()
    page.locator("table.meetings tr", has_text=OFFICIAL).locator("a").click()
    page.wait_for_load_state()
    page.locator(f'main a[href="/receptions/{meeting.pk}/book/"]').click()
    page.wait_for_load_state()
    first = timezone.localtime(meeting.starts_at, ALMATY).strftime("%H:%M")
    page.get_by_label(first, exact=True).check()
    heating = Category.objects.get(code="housing-heating")
    page.select_option("select[name=category]", str(heating.pk))
    page.locator("textarea[name=question]").press_sequentially(QUESTION)
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/receptions/mine/")
    return Booking.objects.get(meeting=meeting, citizen=people.citizen)


def move_into_the_past(meeting: Meeting) -> None:
    """Announcing refuses a start in the past and "held" one in the future: rather than wait
    an hour, the booked reception is moved two hours back, as if its time had come."""
    back = datetime.timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=F("starts_at") - back, ends_at=F("ends_at") - back
    )
    meeting.slots.update(starts_at=F("starts_at") - back)


def hold_and_take_under_control(page: Page, url: str, people: People, meeting: Meeting) -> None:
    log_in(page, f"{url}/backoffice/login/?next={MEETINGS}", people.head)
    page.locator(f'a[href$="/receptions/meeting/{meeting.pk}/change/"]').first.click()
    page.wait_for_load_state()
    assert QUESTION in page.content()  # the booked question, for the body's staff
    page.locator('a[href$="/result/held/"]').click()
    page.wait_for_load_state()
    page.fill("input[name=attendance]", "7")
    submit(page)
    page.locator('a[href$="/record/"]').click()
    page.wait_for_load_state()
    page.select_option("select[name=booked-0-outcome]", Question.Outcome.CONTROL)
    page.select_option("select[name=booked-0-control_agency]", str(people.agency.pk))
    page.select_option("select[name=booked-0-control_executor]", str(people.executor.pk))
    page.fill("input[name=booked-0-control_due]", control_latest_due().isoformat())
    page.fill("textarea[name=booked-0-outcome_note]", "Поручено проверить график вывоза.")
    page.locator("form:has(input[name=rows][value=booked]) [type=submit]").click()
    page.wait_for_load_state()


def answer_as_the_executor(page: Page, url: str, people: People, appeal: Appeal) -> None:
    log_in(page, f"{url}/backoffice/login/", people.executor)
    page.goto(f"{url}/backoffice/appeals/appeal/{appeal.pk}/change/")
    act(page, "answer")
    page.select_option("select[name=kind]", "satisfied")
    page.fill("textarea[name=text]", ANSWER)
    submit(page)


def rate_both(page: Page, url: str, people: People, question: Question) -> None:
    """The citizen sees the outcome on his receptions' page and rates it, then the answer."""
    log_in(page, url + "/accounts/login/", people.citizen)
    page.goto(url + reverse("receptions:mine"))
    assert question.appeal is not None
    outcomes = page.locator("table.questions").inner_text()
    assert question.appeal.reference in outcomes
    page.locator(f'a[href="{reverse("receptions:rate", args=[question.pk])}"]').click()
    page.wait_for_load_state()
    assert str(Appeal.Status.ANSWERED.label) in page.locator("main dl").inner_text()
    page.check("form.feedback [name=satisfied][value=yes]")
    page.fill("form.feedback textarea[name=comment]", "Мусор вывезли, спасибо.")
    page.locator("form.feedback [type=submit]").click()
    page.wait_for_load_state()
    page.locator(f'main a[href="/appeals/{question.appeal.pk}/"]').click()
    page.wait_for_load_state()
    assert ANSWER in page.content()
    page.check("form.feedback [name=satisfied][value=yes]")
    page.locator("form.feedback [type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_announce_book_hold_control_answer_and_rate(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page
) -> None:
    url = live_server.url
    meeting = announce_in_the_back_office(page, url, people)
    booking = book_from_the_calendar(page, url, people, meeting)
    assert booking.question == QUESTION and booking.status == Booking.Status.ACTIVE

    move_into_the_past(meeting)
    hold_and_take_under_control(page, url, people, meeting)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.attendance) == (Meeting.Status.HELD, 7)
    question = Question.objects.select_related("appeal").get(booking=booking)
    assert question.outcome == Question.Outcome.CONTROL and question.appeal is not None
    appeal = question.appeal
    assert (appeal.status, appeal.executor, appeal.agency) == (
        Appeal.Status.IN_PROGRESS, people.executor, people.agency,
    )  # fmt: skip
    assert timezone.localtime(appeal.due_at, ALMATY).date() == control_latest_due()

    answer_as_the_executor(page, url, people, appeal)
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.ANSWERED

    rate_both(page, url, people, question)
    question.refresh_from_db()
    assert question.citizen == people.citizen and question.appeal_id == appeal.pk
    assert Appeal.objects.get(pk=appeal.pk).applicant == people.citizen
    feedback = QuestionFeedback.objects.get(question=question)
    assert (feedback.satisfied, feedback.comment) == (True, "Мусор вывезли, спасибо.")
    assert Feedback.objects.get(appeal=appeal).satisfied is True


@pytest.mark.django_db(transaction=True)
def test_a_meeting_not_held_shows_so_with_its_reason(
    reference_after_flush: None, people: People, live_server: LiveServer, page: Page
) -> None:
    url, reason = live_server.url, "Аким вызван на заседание правительства."
    starts = timezone.now() + datetime.timedelta(days=2)
    meeting = meeting_announce(
        actor=people.head, agency=people.agency, kind=Meeting.Kind.RESIDENTS,
        official_name=OFFICIAL, region=Region.objects.get(code="KZ-75"),
        place="Дом культуры", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
    )  # fmt: skip
    log_in(page, f"{url}/backoffice/login/?next={MEETINGS}", people.head)
    page.locator(f'a[href$="/receptions/meeting/{meeting.pk}/change/"]').first.click()
    page.wait_for_load_state()
    page.locator('a[href$="/result/not_held/"]').click()
    page.wait_for_load_state()
    page.fill("textarea[name=reason]", reason)
    submit(page)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.not_held_reason) == (Meeting.Status.NOT_HELD, reason)

    page.context.clear_cookies()
    page.goto(url + reverse("receptions:calendar"))
    row = page.locator("table.meetings tr", has_text=OFFICIAL)
    assert str(Meeting.Status.NOT_HELD.label) in row.inner_text()
    assert reason in row.inner_text()
    row.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("receptions:meeting", args=[meeting.pk]))
    shown = page.locator(".govuk-inset-text").inner_text()
    assert str(Meeting.Status.NOT_HELD.label) in shown and reason in shown
