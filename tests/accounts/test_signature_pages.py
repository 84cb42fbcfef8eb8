"""The signature page: a logged-in citizen proves the IIN, a visitor signs in with it; a
code is good once, for a few minutes."""

from __future__ import annotations

import base64
import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from accounts.identity import Proven, identity_prove
from accounts.models import Proof, User
from accounts.signatures import CHALLENGE_SECONDS, _authorities
from tests.accounts.pki import Authority, sign
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db
PAGE = "/accounts/signature/"
IIN = "850210400505"


@pytest.fixture(scope="module")
def nca() -> Authority:
    return Authority.create()


@pytest.fixture(autouse=True)
def trusted(nca: Authority, settings: Any, tmp_path: Path) -> None:
    settings.IDENTITY_CA_FILES = nca.files(tmp_path)
    _authorities.cache_clear()


def signed_page(client: Client, nca: Authority, iin: str = IIN) -> tuple[str, Any]:
    page = client.get(PAGE)
    assert page.status_code == 200
    challenge = base64.b64decode(page.context["challenge"])
    return sign(challenge, nca.person(iin, "ТЕСТОВ", "ЕРЖАН", "")), page


def told(response: Any) -> list[str]:
    """The messages a refused signature leaves on the page, for a failing assertion."""
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_a_citizen_proves_the_claimed_iin(people: People, nca: Authority) -> None:
    client = client_for(people.citizen)
    signature, page = signed_page(client, nca)
    assert "connect-src" in page["Content-Security-Policy"]
    assert "wss://127.0.0.1:13579" in page["Content-Security-Policy"]
    done = client.post(PAGE, {"signature": signature})
    assert done.status_code == 302, told(done)
    assert done["Location"] == "/accounts/profile/"
    people.citizen.refresh_from_db()
    assert (people.citizen.iin_bin, people.citizen.full_name) == (IIN, "Тестов Ержан")
    assert people.citizen.iin_verified_by == Proof.SIGNATURE


def test_a_signature_is_good_once(people: People, nca: Authority) -> None:
    client = client_for(people.citizen)
    signature, _ = signed_page(client, nca)
    first = client.post(PAGE, {"signature": signature})
    assert first.status_code == 302, told(first)
    again = client.post(PAGE, {"signature": signature}, HTTP_ACCEPT_LANGUAGE="en")
    assert "expired or was used" in again.content.decode()


def test_a_code_signed_too_late_is_refused(people: People, nca: Authority) -> None:
    client = client_for(people.citizen)
    signature, _ = signed_page(client, nca)
    later = timezone.now() + datetime.timedelta(seconds=CHALLENGE_SECONDS + 1)
    with time_machine.travel(later):
        answer = client.post(PAGE, {"signature": signature}, HTTP_ACCEPT_LANGUAGE="en")
    assert "expired or was used" in answer.content.decode()
    people.citizen.refresh_from_db()
    assert not people.citizen.iin_proven


def test_a_visitor_signs_in_to_the_account_on_which_the_iin_is_proven(
    people: People, nca: Authority
) -> None:
    identity_prove(user=people.citizen, proven=Proven(IIN, "Тестов Ержан", Proof.SIGNATURE))
    client = Client()
    signature, _ = signed_page(client, nca)
    answer = client.post(PAGE, {"signature": signature})
    assert answer.status_code == 302, told(answer)
    assert answer["Location"] == "/appeals/"
    assert client.get("/accounts/profile/").context["user"] == people.citizen


def test_a_visitor_whose_iin_no_account_proved_is_sent_to_sign_up(nca: Authority) -> None:
    User.objects.create_user("claim@otinish.test", "x", full_name="Claim", iin_bin=IIN)
    client = Client()
    signature, _ = signed_page(client, nca)
    answer = client.post(PAGE, {"signature": signature}, HTTP_ACCEPT_LANGUAGE="en")
    assert answer["Location"] == "/accounts/sign-up/"
    assert "_auth_user_id" not in client.session  # a claim signs nobody in
    page = client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No account has proven this IIN yet" in page  # told why, on the sign-up page


def test_without_the_authority_configured_the_page_says_so(settings: Any) -> None:
    settings.IDENTITY_CA_FILES = []
    page = Client().get(PAGE)
    assert page.status_code == 200 and not page.context["configured"]
