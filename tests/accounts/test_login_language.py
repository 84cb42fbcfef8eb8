from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
SIGN_UP = reverse("accounts:sign_up")
CREDENTIALS = {"username": "dana@example.kz", "password": "correct horse battery"}


def chosen(client: Client) -> str:
    return client.cookies[settings.LANGUAGE_COOKIE_NAME].value


def test_the_language_chosen_in_the_session_wins_after_login(client: Client) -> None:
    UserFactory.create(email="dana@example.kz", preferred_language="kk")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(LOGIN, CREDENTIALS, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert chosen(client) == "en"
    assert 'lang="en"' in client.get("/").content.decode()


def test_without_a_choice_the_account_language_applies(client: Client) -> None:
    UserFactory.create(email="dana@example.kz", preferred_language="kk")
    client.post(LOGIN, CREDENTIALS, HTTP_ACCEPT_LANGUAGE="en")
    assert chosen(client) == "kk"


def test_saving_the_profile_keeps_the_chosen_language(client: Client) -> None:
    client.force_login(UserFactory.create(preferred_language="kk"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    profile = {"full_name": "Дана С.", "phone": "", "preferred_language": "kk"}
    client.post(reverse("accounts:profile"), profile)
    assert chosen(client) == "en"
    client.post(reverse("accounts:profile"), {**profile, "preferred_language": "ru"})
    assert chosen(client) == "ru"


def test_a_wrong_password_is_refused_in_kazakh(client: Client) -> None:
    UserFactory.create(email="dana@example.kz")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    response = client.post(LOGIN, {**CREDENTIALS, "password": "wrong"})
    assert response.status_code == 200
    assert "Енгізілген электрондық пошта немесе құпиясөз қате." in response.content.decode()


def test_the_password_rules_speak_kazakh(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    assert "Құпиясөзде кемінде 8 таңба болуы керек." in client.get(SIGN_UP).content.decode()
    refused = client.post(SIGN_UP, {"password1": "4815", "password2": "4815"}).content.decode()
    assert "Бұл құпиясөз тым қысқа." in refused
    assert "Бұл құпиясөз тек цифрлардан тұрады." in refused
    assert "This password" not in refused
