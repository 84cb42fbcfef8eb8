from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SIGN_UP = reverse("accounts:sign_up")
LOGIN = reverse("accounts:login")


def sign_up_data(**overrides: str) -> dict[str, str]:
    return {
        "email": "Dana@Example.kz",
        "full_name": "Дана Серикова",
        "kind": "individual",
        "iin_bin": "900315400017",
        "phone": "+77015556677",
        "preferred_language": "kk",
        "password1": "a-long-passphrase-42",
        "password2": "a-long-passphrase-42",
        **overrides,
    }


def confirmation_link(user: User) -> str:
    body = Notification.objects.get(recipient=user, kind="account.confirm_email").body
    match = re.search(r"https?://\S+(/accounts/confirm/\S+/)", body)
    assert match
    return match.group(1)


def test_signing_up_makes_an_inactive_account_and_mails_a_link(client: Client) -> None:
    response = client.post(SIGN_UP, sign_up_data())
    assert response.status_code == 200
    user = User.objects.get(email="dana@example.kz")
    assert not user.is_active
    assert user.check_password("a-long-passphrase-42")
    assert (user.iin_bin, user.preferred_language) == ("900315400017", "kk")
    assert confirmation_link(user)


def test_the_link_confirms_once_and_logs_in(client: Client) -> None:
    client.post(SIGN_UP, sign_up_data())
    user = User.objects.get(email="dana@example.kz")
    link = confirmation_link(user)
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("appeals:new")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    user.refresh_from_db()
    assert user.is_active
    assert Client().get(link).status_code == 400


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"iin_bin": "900315400018"}, "iin_bin"),  # wrong check digit
        ({"kind": "legal"}, "iin_bin"),  # a person's IIN given as a BIN
        ({"password2": "something-else-42"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"email": "not-an-email"}, "email"),
    ],
)
def test_invalid_sign_ups_say_why_and_keep_the_rest(
    client: Client, overrides: dict[str, str], field: str
) -> None:
    response = client.post(SIGN_UP, sign_up_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Дана Серикова" in response.content.decode()
    assert not User.objects.exists()


def test_one_account_per_email_and_per_iin(client: Client) -> None:
    UserFactory(email="dana@example.kz", iin_bin="850210400505")
    response = client.post(SIGN_UP, sign_up_data(iin_bin="850210400505"))
    assert set(response.context["form"].errors) == {"email", "iin_bin"}


def test_logging_in_switches_to_the_preferred_language(client: Client) -> None:
    UserFactory(email="dana@example.kz", preferred_language="en")
    response = client.post(
        LOGIN, {"username": "dana@example.kz", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_repeated_wrong_passwords_lock_the_account_out(client: Client, settings: Any) -> None:
    UserFactory(email="dana@example.kz")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "dana@example.kz", "password": "wrong"})
    response = client.post(
        LOGIN, {"username": "dana@example.kz", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_password_can_be_reset_by_email(client: Client) -> None:
    UserFactory(email="dana@example.kz")
    response = client.post(reverse("accounts:password_reset"), {"email": "dana@example.kz"})
    assert response.status_code == 302
    (message,) = mail.outbox
    link = re.search(r"https?://\S+(/accounts/password-reset/\S+/)", str(message.body))
    assert link
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-passphrase-7", "new_password2": "another-passphrase-7"},
    )
    assert done.status_code == 302
    assert User.objects.get(email="dana@example.kz").check_password("another-passphrase-7")


def test_the_profile_keeps_the_language_choice(client: Client) -> None:
    user = UserFactory.create(email="dana@example.kz")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Дана С.", "phone": "+77010000001", "preferred_language": "en"},
    )
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language) == ("Дана С.", "en")


def test_the_profile_needs_a_login(client: Client) -> None:
    assert client.get(reverse("accounts:profile"))["Location"].startswith(LOGIN)
