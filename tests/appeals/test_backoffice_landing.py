"""The back-office opens on each role's queue, shows each role only links that work, says
"overdue" in words, and labels its search box in the page's language."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from agencies.workdays import ALMATY, end_of_day
from appeals.backoffice.lateness import overdue_working_days
from appeals.models import Appeal
from tests.appeals.test_complaints import overdue
from tests.conftest import People, client_for, submit_appeal

pytestmark = pytest.mark.django_db
INDEX = reverse("backoffice:index")
LIST = reverse("backoffice:appeals_appeal_changelist")
DESK = reverse("backoffice:appeals_appeal_front_office")
LANDINGS = {
    "registrar": f"{LIST}?queue=registration",
    "executor": f"{LIST}?queue=mine",
    "head": f"{LIST}?status__exact=registered",
    "controller": f"{LIST}?queue=overdue",
    "front_office": DESK,
}


class Page(HTMLParser):
    """The links of a page, and whether a list sits right inside another list."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.open: list[str] = []
        self.list_in_list = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)
        if tag in ("ul", "ol") and self.open and self.open[-1] in ("ul", "ol"):
            self.list_in_list = True
        if tag not in ("br", "img", "input", "link", "meta", "hr", "use", "path"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass


def parsed(client: Client, url: str) -> Page:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, url
    page = Page()
    page.feed(response.content.decode())
    return page


@pytest.mark.parametrize("role", LANDINGS)
def test_the_back_office_opens_on_the_roles_queue(people: People, role: str) -> None:
    response = client_for(getattr(people, role)).get(INDEX)
    assert (response.status_code, response["Location"]) == (302, LANDINGS[role])


def test_the_index_of_sections_stays_one_link_away(people: People) -> None:
    client = client_for(people.head)
    page = parsed(client, LANDINGS["head"])
    assert f"{INDEX}?all=1" in page.links
    assert client.get(f"{INDEX}?all=1").status_code == 200


def test_a_head_lands_on_the_appeals_to_assign(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    to_assign, assigned = appeal_in("registered"), appeal_in("in_progress")
    response = client_for(people.head).get(LANDINGS["head"])
    listed = {appeal.pk for appeal in response.context["cl"].result_list}
    assert to_assign.pk in listed and assigned.pk not in listed


def test_the_walk_in_form_is_linked_for_the_front_office_only(people: People) -> None:
    for role in ("registrar", "executor", "head", "controller", "other_agency_head"):
        assert DESK not in parsed(client_for(getattr(people, role)), LIST).links, role
    assert DESK in parsed(client_for(people.front_office), LIST).links


@pytest.mark.parametrize("role", [*LANDINGS, "other_agency_head"])
def test_each_role_sees_only_links_that_answer(
    people: People, appeal_in: Callable[[str], Appeal], role: str
) -> None:
    """Every link of the list, the index and an appeal's page opens for whoever sees it
    (the list's filter links once per filter: its other values go to the same view)."""
    overdue(appeal_in("in_progress"))
    appeal = appeal_in("registered")
    client = client_for(getattr(people, role))
    pages = [LIST, f"{INDEX}?all=1"]
    if role != "other_agency_head":
        pages.append(reverse("backoffice:appeals_appeal_change", args=[appeal.pk]))
    links = {urljoin(url, href) for url in pages for href in parsed(client, url).links}
    kinds = {(urlsplit(link).path, *sorted(parse_qs(urlsplit(link).query))): link for link in links}
    for link in sorted(kinds.values()):
        if urlsplit(link).fragment or not link.startswith("/"):
            continue
        response = client.get(link, follow=True)
        assert response.status_code == 200, (role, link)
        assert not response.request["PATH_INFO"].endswith("/login/"), (role, link)


def test_no_list_sits_right_inside_another(people: People) -> None:
    submit_appeal(people.citizen, people.agency)
    for role in ("front_office", "registrar"):
        assert not parsed(client_for(getattr(people, role)), LIST).list_in_list, role


@pytest.mark.parametrize(("language", "label"), [("kk", "Іздеу"), ("ru", "Поиск")])
def test_the_search_box_is_labelled_in_the_pages_language(
    people: People, language: str, label: str
) -> None:
    content = client_for(people.head).get(LIST, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'alt=""> {label}</label>' in content
    assert 'alt="Search"' not in content


def test_overdue_is_said_in_words_on_the_appeal_page_and_in_the_list(
    people: People, appeal_in: Callable[[str], Appeal]
) -> None:
    late = overdue(appeal_in("in_progress"), days=10)
    client = client_for(people.head)
    url = reverse("backoffice:appeals_appeal_change", args=[late.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<strong class="overdue">Overdue by ' in page and " working days</strong>" in page
    listed = client.get(f"{LIST}?queue=overdue", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "— overdue</strong>" in listed


def test_overdue_days_count_working_days_after_the_deadline() -> None:
    friday_due = Appeal(
        status=Appeal.Status.IN_PROGRESS, due_at=end_of_day(datetime.date(2026, 2, 6))
    )

    def at(day: int) -> int | None:
        now = datetime.datetime(2026, 2, day, 12, tzinfo=ALMATY)
        return overdue_working_days(friday_due, now)

    assert at(6) is None  # the deadline's own day
    assert (at(7), at(8)) == (0, 0)  # the weekend after it
    assert (at(9), at(13), at(16)) == (1, 5, 6)
    friday_due.status = Appeal.Status.ANSWERED
    assert at(16) is None
