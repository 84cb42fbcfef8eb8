"""Who gets the letter: the applicant and the staff who see the appeal, on the site and
through the API; the public check's limits; two downloads at once make one letter."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import User
from appeals.letters.issuance import letter_issue
from appeals.models import Appeal, Letter
from tests.appeals.letters import (
    body,
    letter_settings,  # noqa: F401 - a fixture
    signing_pair,  # noqa: F401 - a fixture
)
from tests.conftest import People, client_for
from tests.factories import MembershipFactory, api_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("letter_settings")]

# Who may download: the applicant, and staff of the agency (a controller: and below).
ALLOWED = {"citizen", "executor", "head", "registrar", "controller", "front_office"}
ROLES = ["citizen", "other_citizen", "executor", "head", "controller", "other_agency_head"]


@pytest.fixture
def answered(appeal_in: Callable[[str], Appeal]) -> Appeal:
    return appeal_in(Appeal.Status.ANSWERED)


def _user(people: People, role: str) -> User:
    user: User = getattr(people, role)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_the_letter_page_downloads_to_those_who_see_the_appeal(
    answered: Appeal, people: People, role: str
) -> None:
    response = client_for(_user(people, role)).get(f"/appeals/{answered.pk}/letter/")
    if role in ALLOWED:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        letter = Letter.objects.get(appeal=answered)  # made by this first download
        assert hashlib.sha256(body(response)).hexdigest() == letter.sha256
    else:
        assert response.status_code == 404
        assert not Letter.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_a_letter_by_its_id_is_as_private(answered: Appeal, people: People, role: str) -> None:
    letter = letter_issue(answered.pk)
    response = client_for(_user(people, role)).get(f"/appeals/letters/{letter.pk}/")
    assert response.status_code == (200 if role in ALLOWED else 404)


def test_a_controller_above_sees_the_letter(answered: Appeal, people: People) -> None:
    above = people.agency.parent
    assert above is not None
    controller = MembershipFactory.create(agency=above, role="controller").user
    assert client_for(controller).get(f"/appeals/{answered.pk}/letter/").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(answered: Appeal, client: Client) -> None:
    letter = letter_issue(answered.pk)
    for url in (f"/appeals/{answered.pk}/letter/", f"/appeals/letters/{letter.pk}/"):
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_an_unanswered_appeal_has_no_letter_to_download(
    appeal_in: Callable[[str], Appeal], people: People
) -> None:
    appeal = appeal_in(Appeal.Status.IN_PROGRESS)
    assert client_for(people.citizen).get(f"/appeals/{appeal.pk}/letter/").status_code == 404


def _api(user: User | None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_the_api_gives_the_letter_to_the_applicant_only(
    answered: Appeal, people: People, role: str
) -> None:
    user = None if role == "anonymous" else _user(people, role)
    response = _api(user).get(f"/api/v1/appeals/{answered.pk}/letter/", HTTP_ACCEPT="*/*")
    expected = {"citizen": 200, "anonymous": 401}.get(role, 404)
    assert response.status_code == expected
    if expected != 200:
        assert "error" in response.json()


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_the_staff_api_gives_the_letter_to_the_agencys_staff(
    answered: Appeal, people: People, role: str
) -> None:
    user = None if role == "anonymous" else _user(people, role)
    response = _api(user).get(f"/api/v1/staff/appeals/{answered.pk}/letter/")
    staff = role in ALLOWED - {"citizen"}
    expected = (
        200 if staff else {"anonymous": 401, "citizen": 403, "other_citizen": 403}.get(role, 404)
    )
    assert response.status_code == expected
    if staff:
        assert response["Content-Type"] == "application/pdf"


def test_the_api_answers_a_pdf_whatever_the_client_accepts(
    answered: Appeal, people: People
) -> None:
    response = _api(people.citizen).get(
        f"/api/v1/appeals/{answered.pk}/letter/", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and body(response).startswith(b"%PDF")


# --- The public check's limits ----------------------------------------------------------


def test_lookups_are_limited_per_address(
    answered: Appeal, client: Client, settings: Any, redis_client: Any
) -> None:
    for key in redis_client.scan_iter("*letter-lookups:*"):
        redis_client.delete(key)
    settings.LETTER_LOOKUPS_PER_HOUR = 3
    code = letter_issue(answered.pk).code
    statuses = [client.get(f"/verify/{c}/").status_code for c in ("A" * 24, "B" * 24, code)]
    assert statuses == [404, 404, 200]
    refused = client.get(f"/verify/{code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "Too many letters were looked up" in refused.content.decode()
    assert client.get(f"/api/v1/verify/{code}/").status_code == 429


def test_an_oversized_upload_is_refused_before_it_is_read(answered: Appeal, client: Client) -> None:
    code = letter_issue(answered.pk).code
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024), "application/pdf")
    response = client.post(f"/verify/{code}/", {"file": big})
    assert response.status_code == 413  # the body's declared size: nothing of it read


def test_an_upload_over_the_letter_limit_is_refused_clearly(
    answered: Appeal, client: Client, settings: Any
) -> None:
    settings.REQUEST_MAX_BYTES = 4 * 1024 * 1024  # past the site's limit, to the letter's own
    code = letter_issue(answered.pk).code
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1), "application/pdf")
    page = client.post(f"/verify/{code}/", {"file": big}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "larger than any letter" in page.content.decode()
    assert "data-verdict" not in page.content.decode()
    big.seek(0)
    api = client.post(f"/api/v1/verify/{code}/", {"file": big}, HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 413 and api.json()["error"]["code"] == "too_large"


def test_the_appeal_pages_link_the_letter_and_its_code(answered: Appeal, people: People) -> None:
    citizen_page = client_for(people.citizen).get(f"/appeals/{answered.pk}/").content.decode()
    assert f'href="/appeals/{answered.pk}/letter/"' in citizen_page
    code = letter_issue(answered.pk).code
    for user in (people.citizen, people.executor):
        url = f"/appeals/{answered.pk}/" if user == people.citizen else (
            f"/backoffice/appeals/appeal/{answered.pk}/change/")  # fmt: skip
        page = client_for(user).get(url).content.decode()
        assert f'href="/verify/{code}/"' in page
        assert "/letter/sign/" not in page  # the head's alone
