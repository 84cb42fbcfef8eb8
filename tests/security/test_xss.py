"""XSS payloads typed into every text field are shown as text wherever they appear.

Each payload goes through the real forms (sign-up, profile, the appeal form, every
back-office action, rating, complaint, withdrawal, the front-office desk) into every page,
API response, email and export that shows it. Pages are parsed as a browser would: an
unescaped payload becomes a tag or an attribute, which the checks below find.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from agencies.models import Agency, AppealType, Category, Region
from appeals.models import Appeal
from appeals.rating import rating_link_token
from notifications.models import Notification
from notifications.sending import notifications_send_pending
from ratings.models import RankingSnapshot
from ratings.snapshots import rankings_recompute
from tests.conftest import People, client_for, submit_appeal
from tests.factories import MembershipFactory, valid_iin
from tests.files import pdf
from tests.security.helpers import a_later_working_day, appeal_form

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</textarea><svg onload=alert(1)>",
    "{{7*7}}",
    "'-alert(1)-'",
]
PHONE = "<svg onload=alert()>"  # the phone field holds 20 characters
# Names with a slash lose everything before it (a path), so the file names carry their own.
APPEAL_FILE = "<img src=x onerror=alert(1)>.pdf"
ANSWER_FILE = '"><svg onload=alert(1)>.pdf'
PAYLOAD_IDS = ["script", "img-onerror", "js-url", "textarea", "ssti", "js-string"]
MARKUP = re.compile(r"[<>\"']")

NEW = reverse("appeals:new")
LIST = reverse("backoffice:appeals_appeal_changelist")
QUEUES = ["", "registration", "mine", "unit", "due_soon", "overdue", "answered"]


# --- Reading pages as a browser does ------------------------------------------------------


class ParsedPage(HTMLParser):
    """Every tag with its attributes, and everything a reader sees (text and field values)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.readable: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        self.readable.extend(values.values())

    def handle_data(self, data: str) -> None:
        self.readable.append(data)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}


def injections(page: ParsedPage) -> list[str]:
    """What in the page would run a script: inline handlers, javascript: URLs, inline scripts."""
    found = []
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name.startswith("on"):  # our templates have none: the CSP forbids them
                found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                found.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            found.append("<script> with inline code")
        if tag in {"img", "svg", "iframe", "object", "embed"} and attrs.get("src") == "x":
            found.append(f"<{tag} src=x>")
    return found


def assert_shown_as_text(html: str, payload: str, expected: Iterable[str], where: str) -> None:
    page = ParsedPage(html)
    live = injections(page)
    assert live == [], f"{where}: markup from the payload became live: {live}"
    if MARKUP.search(payload):
        assert payload not in html, f"{where}: the payload is in the page unescaped"
    readable = "\n".join(page.readable)
    missing = [text for text in expected if text not in readable]
    assert missing == [], f"{where}: does not show {missing}"


# --- The journey: every text field filled with the payload --------------------------------


@dataclass
class Journey:
    payload: str
    people: People
    citizen: User = field(init=False)
    citizen_client: Client = field(init=False)
    appeals: dict[str, Appeal] = field(default_factory=dict)
    pages: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def mark(self, name: str) -> str:
        """The payload, tagged with the field it was typed into."""
        return f"{self.payload} #{name}"

    def page(self, where: str, response: Any, *expected: str) -> None:
        assert response.status_code == 200, f"{where}: {response.status_code}"
        self.pages.append((where, response.content.decode(), list(expected)))


def act_url(appeal: Appeal, action: str) -> str:
    return reverse("backoffice:appeals_appeal_act", args=[appeal.pk, action])


def page_of(appeal: Appeal) -> str:
    return reverse("backoffice:appeals_appeal_change", args=[appeal.pk])


def sign_up_and_fill_the_profile(journey: Journey) -> Client:
    anonymous = Client()
    data = {
        "email": "xss@otinish.test", "full_name": journey.mark("signup"), "kind": "individual",
        "iin_bin": valid_iin(9001), "phone": PHONE, "preferred_language": "ru",
        "password1": "a-long-passphrase-42", "password2": "another-passphrase-42",
    }  # fmt: skip
    response = anonymous.post("/accounts/sign-up/", data)
    journey.page("sign-up form re-shown", response, data["full_name"])
    anonymous.post("/accounts/sign-up/", {**data, "password2": data["password1"]})
    citizen = User.objects.get(email="xss@otinish.test")
    body = Notification.objects.get(recipient=citizen, kind="account.confirm_email").body
    link = re.search(r"https?://\S+(/accounts/confirm/\S+/)", body)
    assert link
    client = Client()
    assert client.get(link.group(1)).status_code == 302  # confirmed and logged in
    profile = {"full_name": journey.mark("profile"), "phone": PHONE, "preferred_language": "ru"}
    assert client.post("/accounts/profile/", profile).status_code == 302
    journey.page("profile", client.get("/accounts/profile/"), profile["full_name"], PHONE)
    journey.citizen = User.objects.get(pk=citizen.pk)
    executor = {"full_name": journey.mark("executor"), "phone": "", "preferred_language": "ru"}
    response = client_for(journey.people.executor).post("/accounts/profile/", executor)
    assert response.status_code == 302
    return client


def send_the_appeal(journey: Journey, citizen: Client) -> Appeal:
    typed = {
        "subject": journey.mark("subject"),
        "text": journey.mark("text") + " — в доме нет отопления с 1 ноября.",
        "address": journey.mark("address"),
    }
    response = citizen.post(NEW, appeal_form(consent="", **typed))
    journey.page("appeal form re-shown", response, *(typed[k] for k in ("subject", "address")))
    journey.pages[-1][2].append(journey.mark("text"))
    files = {"attachments": [pdf(APPEAL_FILE)]}
    assert citizen.post(NEW, appeal_form(**typed, **files)).status_code == 302
    return Appeal.objects.filter(applicant=journey.citizen).latest("pk")


def work_on_it_in_the_back_office(journey: Journey, appeal: Appeal) -> None:
    people = journey.people
    registrar, head = client_for(people.registrar), client_for(people.head)
    response = registrar.get(act_url(appeal, "register"))
    journey.page("register form", response, journey.mark("subject"))
    registrar.post(act_url(appeal, "register"), {"comment": journey.mark("register")})
    journey.page("assign form", head.get(act_url(appeal, "assign")), journey.mark("executor"))
    head.post(
        act_url(appeal, "assign"),
        {"executor": people.executor.pk, "instruction": journey.mark("instruction")},
    )
    until = a_later_working_day(appeal)
    head.post(act_url(appeal, "extend"), {"until": until, "reason": journey.mark("extension")})
    executor = client_for(people.executor)
    answer = {"kind": "explained", "text": journey.mark("answer"), "override_warnings": "on"}
    response = executor.post(act_url(appeal, "answer"), {**answer, "kind": ""})
    journey.page("answer form re-shown", response, journey.mark("answer"))
    executor.post(act_url(appeal, "answer"), {**answer, "attachments": [pdf(ANSWER_FILE)]})
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.ANSWERED


def rate_and_complain(journey: Journey, citizen: Client, appeal: Appeal) -> Appeal:
    rating = {"satisfied": "no", "reason": "formal", "comment": journey.mark("rating")}
    assert citizen.post(reverse("rating:rate", args=[appeal.pk]), rating).status_code == 302
    journey.page("complaint form", citizen.get(f"{NEW}?complaint_of={appeal.pk}"))
    complaint = appeal_form(
        complaint_of=appeal.pk,
        appeal_type=AppealType.objects.get(code="complaint").pk,
        addressee=Agency.objects.get(code="government").pk,  # the body above the akimat
        subject="Жалоба на ответ",
        text=journey.mark("complaint") + " — ответ не решает проблему.",
    )
    assert citizen.post(NEW, complaint).status_code == 302
    return Appeal.objects.get(complaint_of=appeal)


def forward_terminate_withdraw(journey: Journey, citizen: Client) -> None:
    people = journey.people
    forwarded = submit_appeal(journey.citizen, people.agency)
    registrar = client_for(people.registrar)
    reason = {"to_agency": people.other_agency.pk, "reason": journey.mark("forward")}
    response = registrar.post(act_url(forwarded, "forward"), {**reason, "to_agency": ""})
    journey.page("forward form re-shown", response, journey.mark("forward"))
    assert registrar.post(act_url(forwarded, "forward"), reason).status_code == 302
    terminated = submit_appeal(journey.citizen, people.agency)
    client_for(people.head).post(
        act_url(terminated, "terminate"),
        {"reason": "no_substance", "comment": journey.mark("termination")},
    )
    withdrawn = submit_appeal(journey.citizen, people.agency)
    citizen.post(
        reverse("appeals:withdraw", args=[withdrawn.pk]), {"comment": journey.mark("withdrawal")}
    )
    journey.appeals.update(forwarded=forwarded, terminated=terminated, withdrawn=withdrawn)


def walk_in(journey: Journey) -> Appeal:
    desk = client_for(journey.people.front_office)
    url = reverse("backoffice:appeals_appeal_front_office")
    form = {
        "iin": valid_iin(9101), "full_name": journey.mark("walk-in"), "phone": PHONE,
        "appeal_type": AppealType.objects.get(code="application").pk,
        "category": Category.objects.get(code="housing-heating").pk,
        "region": Region.objects.get(code="KZ-75").pk, "addressee": journey.people.agency.pk,
        "subject": journey.mark("walk-in subject"), "text": journey.mark("walk-in text"),
        "language": "ru",
    }  # fmt: skip
    response = desk.post(url, {**form, "iin": "123"})
    journey.page(
        "walk-in form re-shown", response, journey.mark("walk-in"), journey.mark("walk-in subject")
    )
    assert desk.post(url, form).status_code == 302
    return Appeal.objects.get(applicant__iin_bin=form["iin"])


@pytest.fixture(params=PAYLOADS, ids=PAYLOAD_IDS)
def journey(request: pytest.FixtureRequest, people: People) -> Journey:
    """The payload in every field, through the real forms; the pages seen along the way."""
    trip = Journey(payload=request.param, people=people)
    citizen = sign_up_and_fill_the_profile(trip)
    appeal = send_the_appeal(trip, citizen)
    work_on_it_in_the_back_office(trip, appeal)
    complaint = rate_and_complain(trip, citizen, appeal)
    forward_terminate_withdraw(trip, citizen)
    trip.appeals.update(answered=appeal, complaint=complaint, walk_in=walk_in(trip))
    trip.citizen_client = citizen
    return trip


# --- Where the payloads are shown ------------------------------------------------------------


def test_citizen_pages_show_the_payloads_as_text(journey: Journey) -> None:
    citizen: Client = journey.citizen_client
    mark, appeals = journey.mark, journey.appeals
    answered = appeals["answered"]
    detail = {
        "answered": [mark("subject"), mark("text"), APPEAL_FILE, mark("answer"), ANSWER_FILE,
                     mark("extension"), mark("rating"), mark("profile")],
        "forwarded": [mark("forward")],
        "terminated": [mark("termination")],
        "withdrawn": [mark("withdrawal")],
        "complaint": [mark("complaint")],
    }  # fmt: skip
    for name, expected in detail.items():
        url = reverse("appeals:detail", args=[appeals[name].pk])
        journey.page(f"citizen's page of the {name} appeal", citizen.get(url), *expected)
    journey.page("my appeals", citizen.get(reverse("appeals:mine")), mark("subject"))
    journey.page("sent", citizen.get(reverse("appeals:sent", args=[answered.pk])), mark("profile"))
    link = reverse("rating:by_link", args=[rating_link_token(answered)])
    journey.page("rating by the email's link", Client().get(link), mark("answer"))
    for where, html, expected in journey.pages:
        assert_shown_as_text(html, journey.payload, expected, where)


def test_back_office_pages_show_the_payloads_as_text(journey: Journey) -> None:
    people, mark, appeals = journey.people, journey.mark, journey.appeals
    head = client_for(people.head)
    for queue in QUEUES:
        response = head.get(LIST, {"queue": queue} if queue else {})
        journey.page(f"queue {queue or 'all'}", response, mark("executor"))
    journey.page("queue list", head.get(LIST), mark("subject"), mark("walk-in subject"))
    journey.page("search", head.get(LIST, {"q": journey.payload}), journey.payload)
    detail = {
        "answered": [mark("subject"), mark("text"), mark("address"), mark("profile"), PHONE,
                     APPEAL_FILE, mark("answer"), ANSWER_FILE, mark("register"),
                     mark("instruction"), mark("extension"), mark("executor")],
        "terminated": [mark("termination")],
        "withdrawn": [mark("withdrawal")],
        "complaint": [mark("complaint"), mark("subject"), mark("answer")],  # and its appeal
        "walk_in": [mark("walk-in"), mark("walk-in subject"), mark("walk-in text")],
    }  # fmt: skip
    government = Agency.objects.get(code="government")
    above = client_for(MembershipFactory.create(role="head", agency=government).user)
    for name, expected in detail.items():
        response = (above if name == "complaint" else head).get(page_of(appeals[name]))
        journey.page(f"back-office page of the {name} appeal", response, *expected)
    receiving = client_for(people.other_agency_head)
    response = receiving.get(page_of(appeals["forwarded"]))
    journey.page("back-office page of the forwarded appeal", response, mark("forward"))
    for where, html, expected in journey.pages:
        assert_shown_as_text(html, journey.payload, expected, where)


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def test_the_api_returns_the_payloads_as_json_data(journey: Journey) -> None:
    mark, answered = journey.mark, journey.appeals["answered"]
    as_citizen: Client = journey.citizen_client
    as_staff = client_for(journey.people.head)
    expected = [mark("subject"), mark("address"), mark("answer"), APPEAL_FILE, ANSWER_FILE,
                mark("extension")]  # fmt: skip
    for client, url in [
        (as_citizen, f"/api/v1/appeals/{answered.pk}/"),
        (as_staff, f"/api/v1/staff/appeals/{answered.pk}/"),
    ]:
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response["Content-Type"] == "application/json", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        strings = "\n".join(_strings(json.loads(response.content)))
        assert [text for text in expected if text not in strings] == [], url
        # The browsable API a browser gets renders the same JSON inside an HTML page.
        browsable = client.get(url, HTTP_ACCEPT="text/html")
        journey.page(f"browsable API {url}", browsable, mark("subject"), mark("answer"))
    listing = as_staff.get("/api/v1/staff/appeals/", HTTP_ACCEPT="text/html")
    journey.page("browsable API staff list", listing, mark("subject"))
    for where, html, expected_texts in journey.pages:
        assert_shown_as_text(html, journey.payload, expected_texts, where)


def test_emails_are_plain_text_with_the_payloads_verbatim(journey: Journey) -> None:
    mail.outbox.clear()
    notifications_send_pending(limit=1000)
    mark = journey.mark
    bodies = "\n".join(str(message.body) for message in mail.outbox)
    expected = [mark("signup"), mark("profile"), mark("subject"), mark("answer"),
                mark("forward"), mark("extension")]  # fmt: skip
    assert [text for text in expected if text not in bodies] == []
    for message in mail.outbox:
        assert message.content_subtype == "plain"
        assert getattr(message, "alternatives", []) == [], "an HTML part would need escaping"
        assert "\n" not in message.subject and "\r" not in message.subject


def test_no_free_text_reaches_the_public_exports(journey: Journey, client: Client) -> None:
    rankings_recompute()
    snapshots = list(RankingSnapshot.objects.all())
    assert snapshots
    for snapshot in snapshots:
        for extension in ("csv", "json"):
            url = reverse("ratings:snapshot_export", args=[snapshot.pk, extension])
            body = client.get(url).content.decode("utf-8-sig")
            assert journey.payload not in body and "alert(" not in body, url


# --- Spreadsheets: formulas in CSV cells ----------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(client: Client, start: str) -> None:
    """Agency names are edited by administrators: a name opening a formula stays text."""
    name = f'{start}HYPERLINK("http://evil.example","Click")'
    Agency.objects.filter(code="akimat-kz-75").update(name_ru=name, name_en=name, name_kk=name)
    rankings_recompute()
    snapshot = RankingSnapshot.objects.filter(scope="akimats").latest("pk")
    body = client.get(reverse("ratings:snapshot_export", args=[snapshot.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig"))))
    almaty = next(row for row in rows if row[0] == "akimat-kz-75")
    assert almaty[1:4] == ["'" + name] * 3
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    as_json = client.get(reverse("ratings:snapshot_export", args=[snapshot.pk, "json"])).json()
    assert name in [row["agency_name_ru"] for row in as_json["rows"]]  # JSON is data: unchanged
