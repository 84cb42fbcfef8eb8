"""Staff land in the back-office after logging in; the header shows them the way there."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.conftest import People, client_for

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
BACKOFFICE = reverse("backoffice:index")
PASSWORD = "correct horse battery"


def log_in(client: Client, user: User, next_url: str = "") -> str:
    query = f"?next={next_url}" if next_url else ""
    response = client.post(LOGIN + query, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return str(response["Location"])


def test_staff_land_in_the_back_office(client: Client, people: People) -> None:
    assert log_in(client, people.executor) == BACKOFFICE


def test_a_citizen_keeps_the_usual_landing(client: Client, people: People) -> None:
    assert log_in(client, people.citizen) == reverse("home")


def test_an_explicit_next_wins_for_staff(client: Client, people: People) -> None:
    assert log_in(client, people.head, next_url="/inbox/") == "/inbox/"


def test_an_unsafe_next_is_ignored(client: Client, people: People) -> None:
    assert log_in(client, people.head, next_url="https://evil.example/") == BACKOFFICE


def test_staff_without_an_active_membership_land_as_citizens(
    client: Client, people: People
) -> None:
    people.registrar.memberships.update(is_active=False)
    assert log_in(client, people.registrar) == reverse("home")


def header_link(client: Client) -> bool:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return f'<a class="govuk-link" href="{BACKOFFICE}">Back-office</a>' in page


def test_staff_see_the_back_office_link(people: People) -> None:
    assert header_link(client_for(people.front_office))


def test_a_citizen_does_not_see_the_back_office_link(people: People) -> None:
    assert not header_link(client_for(people.citizen))


def test_an_anonymous_visitor_does_not_see_the_back_office_link(client: Client) -> None:
    assert not header_link(client)
