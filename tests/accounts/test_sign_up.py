from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import User
from notifications.models import Notification
from notifications.sending import notifications_send_pending
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


def visible(response: Any) -> str:
    """The page as its reader sees it: the one-time CSRF token left out."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_signing_up_with_a_known_email_answers_as_for_a_new_one(client: Client) -> None:
    owner = UserFactory.create(email="dana@example.kz", iin_bin="850210400505")
    known = client.post(SIGN_UP, sign_up_data(iin_bin="850210400505"))
    new = Client().post(SIGN_UP, sign_up_data(email="new@example.kz"))
    assert known.status_code == new.status_code == 200
    assert visible(known).replace("dana@example.kz", "new@example.kz") == visible(new)
    assert User.objects.filter(email__iexact="dana@example.kz").count() == 1
    told = Notification.objects.get(recipient=owner, kind="account.sign_up_again")
    assert "/accounts/password-reset/" in told.body


def test_an_iin_already_claimed_or_proven_is_taken_as_a_claim(client: Client) -> None:
    UserFactory.create(email="first@example.kz", iin_bin="900315400017")
    client.post(SIGN_UP, sign_up_data())
    claimant = User.objects.get(email="dana@example.kz")
    assert claimant.iin_bin == "900315400017" and not claimant.iin_proven


def test_sign_ups_from_one_address_are_limited(client: Client, settings: Any) -> None:
    settings.ACCOUNT_REQUESTS_PER_HOUR = 2
    cache.clear()
    codes = [
        "form" in (client.post(SIGN_UP, sign_up_data(email=f"d{n}@example.kz")).context or {})
        for n in range(3)
    ]
    assert codes == [False, False, True]  # the third is refused, with the form again
    assert User.objects.count() == 2
    cache.clear()


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
    notifications_send_pending()
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


def test_a_reset_answers_alike_for_any_address_and_mails_a_few_an_hour(
    client: Client, settings: Any
) -> None:
    settings.PASSWORD_RESETS_PER_HOUR = 2
    cache.clear()
    UserFactory(email="dana@example.kz")
    reset = reverse("accounts:password_reset")
    answers = [client.post(reset, {"email": "dana@example.kz"}) for _ in range(3)]
    unknown = client.post(reset, {"email": "nobody@example.kz"})
    assert {(a.status_code, a["Location"]) for a in [*answers, unknown]} == {
        (302, reverse("accounts:password_reset_done"))
    }
    notifications_send_pending()
    assert [m.to for m in mail.outbox] == [["dana@example.kz"]] * 2
    cache.clear()


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
