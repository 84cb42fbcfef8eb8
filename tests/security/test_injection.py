"""SQL metacharacters, NUL bytes, very long and unusual text in every search box and filter.

Each answer is a page (200), a clear refusal (400; the API's in its one error shape; the
back-office's own "?e=1" redirect for a filter it cannot apply), never a 500 — and never a
row the asker may not see: a `%` or `_` is a character to find, not a wildcard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from agencies.models import Category
from appeals.models import Appeal
from ratings.models import Period
from ratings.snapshots import rankings_recompute
from tests.conftest import People, client_for, submit_appeal
from tests.factories import api_token

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "quote": "'",
    "double-quote": '"',
    "semicolon": ";",
    "comment": "--",
    "or-true": "' OR '1'='1",
    "union": "1 UNION SELECT id, email FROM accounts_user --",
    "percent": "%",
    "underscore": "_",
    "backslash": "\\",
    "nul": "\x00",
    "nul-inside": "Абая\x00 10",
    "long": "я" * 5_000,
    "unicode": "Алия 🙂 Ω ǅ",
    # Digits to str.isdigit() that int() does not take, and a number too long to read.
    "superscript": "²",
    "huge-number": "9" * 5_000,
}
# Text no subject, name, code or number contains: these must find nothing at all.
FINDS_NOTHING = {"or-true", "union", "percent", "underscore", "backslash", "long", "unicode"}

BACKOFFICE = reverse("backoffice:appeals_appeal_changelist")
BACKOFFICE_PARAMS = [
    "q", "queue", "status__exact", "type__id__exact", "category__id__exact",
    "region__id__exact", "executor", "overdue", "o", "p",
]  # fmt: skip
STAFF_API_PARAMS = ["queue", "status", "overdue", "executor", "category", "page_size"]
MY_API_PARAMS = ["status", "type", "received_after", "received_before", "page_size"]
# Public pages and lists, with the query parameters each reads.
PUBLIC = [
    ("/ratings/", ["period", "sort"]),
    ("/ratings/agency/akimat-kz-75/", ["period"]),
    ("/ratings/map/", ["period"]),
    ("/appeals/routing/", ["category", "region"]),
    ("/api/v1/routing/", ["category", "region"]),
    ("/api/v1/agencies/", ["kind", "region", "is_active", "parent"]),
    ("/api/v1/rankings/", ["scope", "period"]),
    ("/api/v1/rankings/snapshots/", ["scope", "period"]),
]
CASES = [pytest.param(name, id=name) for name in PAYLOADS]


def api_as(user: User) -> Client:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def assert_clear(response: Response, where: str) -> None:
    """200, a 400 that says what is wrong, or (the API, for a well-formed code that names
    nothing) a 404; in the API's error shape for the API."""
    code = response.status_code
    assert code in ((200, 400, 404) if where.startswith("/api/") else (200, 400)), (
        f"{where}: {code}"
    )
    if code != 200 and where.startswith("/api/"):
        assert set(response.json()["error"]) == {"code", "message", "field_errors"}, where


@pytest.fixture
def appeals(people: People) -> dict[str, Appeal]:
    """One appeal in the staff's agency, one in another agency, one of another citizen."""
    return {
        "ours": submit_appeal(people.citizen, people.agency, subject="Нет отопления"),
        "theirs": submit_appeal(people.citizen, people.other_agency, subject="Яма 100%_\\"),
        "stranger": submit_appeal(people.other_citizen, people.agency, subject="Нет воды"),
    }


def listed(response: Response) -> set[str]:
    if "cl" in (response.context or {}):
        return {appeal.reference for appeal in response.context["cl"].result_list}
    return {appeal["reference"] for appeal in response.json()["results"]}


@pytest.mark.parametrize("name", CASES)
def test_the_back_office_queue(people: People, appeals: dict[str, Appeal], name: str) -> None:
    client = client_for(people.head)
    ours = {appeals["ours"].reference, appeals["stranger"].reference}
    for param in BACKOFFICE_PARAMS:
        response = client.get(BACKOFFICE, {param: PAYLOADS[name]})
        where = f"{BACKOFFICE}?{param}"
        # A filter the admin cannot apply sends it back to the list with "?e=1".
        if response.status_code == 302:
            assert response["Location"] == f"{BACKOFFICE}?e=1", where
            continue
        assert_clear(response, where)
        if response.status_code == 200:
            found = listed(response)
            assert found <= ours, f"{where} shows another agency's appeals"
            if param == "q" and name in FINDS_NOTHING:
                assert found == set(), f"{where} is a wildcard"


@pytest.mark.parametrize("name", CASES)
def test_the_staff_api_lists(people: People, appeals: dict[str, Appeal], name: str) -> None:
    ours = {appeals["ours"].reference, appeals["stranger"].reference}
    for param in STAFF_API_PARAMS:
        response = api_as(people.head).get("/api/v1/staff/appeals/", {param: PAYLOADS[name]})
        assert_clear(response, f"/api/v1/staff/appeals/?{param}")
        if response.status_code == 200:
            assert listed(response) <= ours, param


@pytest.mark.parametrize("name", CASES)
def test_the_citizens_lists(people: People, appeals: dict[str, Appeal], name: str) -> None:
    own = {appeals["ours"].reference, appeals["theirs"].reference}
    for param in MY_API_PARAMS:
        response = api_as(people.citizen).get("/api/v1/appeals/", {param: PAYLOADS[name]})
        assert_clear(response, f"/api/v1/appeals/?{param}")
        if response.status_code == 200:
            assert listed(response) <= own, param
    for param in ("status", "page"):
        response = client_for(people.other_citizen).get("/appeals/", {param: PAYLOADS[name]})
        assert_clear(response, f"/appeals/?{param}")
        assert appeals["ours"].reference not in response.content.decode(), param
    new = client_for(people.other_citizen).get("/appeals/new/", {"complaint_of": PAYLOADS[name]})
    assert_clear(new, "/appeals/new/?complaint_of")
    assert appeals["ours"].reference not in new.content.decode()


@pytest.mark.parametrize("name", CASES)
def test_the_propose_button_of_the_appeal_form(people: People, name: str) -> None:
    """Without JavaScript the form asks the routing rules itself, with what was typed."""
    heating = Category.objects.get(code="housing-heating").pk
    for param in ("category", "region"):
        data = {"suggest": "1", "category": heating, "region": people.agency.region_id}
        response = client_for(people.citizen).post("/appeals/new/", {**data, param: PAYLOADS[name]})
        assert_clear(response, f"/appeals/new/ suggest {param}")


@pytest.mark.parametrize("name", CASES)
def test_public_pages_and_lists(name: str) -> None:
    rankings_recompute(periods=(Period.LAST_30_DAYS,))
    heating = str(Category.objects.get(code="housing-heating").pk)
    client = Client()
    for path, params in PUBLIC:
        for param in params:
            # The other parameter stays valid, so that this one is the one read.
            query: dict[str, Any] = {"category": heating, "region": "KZ-75", "scope": "akimats"}
            response = client.get(path, {**query, param: PAYLOADS[name]})
            assert_clear(response, f"{path}?{param}")


@pytest.mark.parametrize("iin", ["²" * 12, "٣" * 12, "12345678901\x00"])
def test_an_iin_of_other_digits_is_refused(people: People, iin: str) -> None:
    walk_in = {
        "type": "application", "category": "housing-heating", "region": "KZ-75",
        "addressee": "akimat-kz-75", "subject": "Нет отопления", "language": "ru",
        "text": "В доме по улице Абая, 10 нет отопления с 1 ноября.", "consent": True,
        "iin": iin, "full_name": "Гость Центра",
    }  # fmt: skip
    response = api_as(people.front_office).post(
        "/api/v1/staff/front-office/", walk_in, format="json"
    )
    assert response.status_code == 400
    assert "iin" in response.json()["error"]["field_errors"]


def test_a_percent_finds_no_agency_by_wildcard() -> None:
    response = Client().get("/api/v1/agencies/", {"region": "%"})
    assert response.status_code == 400  # not a code at all
    assert Client().get("/api/v1/agencies/", {"region": "KZ"}).json() == []  # nor a prefix
