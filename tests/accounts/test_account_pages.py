"""The account's pages in the design system's markup: a heading, the button, and every error,
the login's own included, in the summary at the top."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def summary(html: str) -> str:
    """The error summary's text, or "" when the page has none."""
    found = re.search(r'<div class="govuk-error-summary".*?</div>\s*</div>\s*</div>', html, re.S)
    return found.group(0) if found else ""


def test_a_wrong_password_is_told_in_the_summary_and_the_title(client: Client) -> None:
    UserFactory.create(email="dana@example.kz")
    response = client.post(reverse("accounts:login"),
                           {"username": "dana@example.kz", "password": "wrong"},
                           HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Error: Log in", html)
    assert "Please enter a correct email and password" in summary(html)


def test_the_sign_up_summary_links_each_field_in_error(client: Client) -> None:
    sent = {"kind": "individual"}  # an empty POST would leave the form unbound
    response = client.post(reverse("accounts:sign_up"), sent, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    links = re.findall(r'<a href="#(id_\w+)">', summary(html))
    assert {"id_email", "id_full_name", "id_password1"} <= set(links)
    for anchor in links:
        assert f'id="{anchor}"' in html  # each link reaches its control


@pytest.mark.parametrize(
    ("name", "button"),
    [("login", "Log in"), ("sign_up", "Sign up"), ("password_reset", "Send me a link")],
)
def test_each_form_has_its_heading_and_button(client: Client, name: str, button: str) -> None:
    html = client.get(reverse(f"accounts:{name}"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert len(re.findall(r'<h1 class="govuk-heading-l">', html)) == 1
    assert f'<button type="submit" class="govuk-button">{button}</button>' in html
    assert summary(html) == ""


def test_the_login_page_links_the_other_ways_in(client: Client) -> None:
    html = client.get(reverse("accounts:login")).content.decode()
    for name in ("password_reset", "sign_up", "signature"):
        assert f'<a class="govuk-link" href="{reverse(f"accounts:{name}")}">' in html


def test_a_new_password_too_short_is_told_in_the_summary(client: Client) -> None:
    user = UserFactory.create()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    form = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]), follow=True)
    data = {"new_password1": "4815", "new_password2": "4815"}
    html = client.post(form.redirect_chain[-1][0], data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This password is too short" in summary(html)
    assert '<button type="submit" class="govuk-button">Save</button>' in html


def test_the_profile_says_it_was_saved_in_a_success_banner(client: Client) -> None:
    client.force_login(UserFactory.create(preferred_language="en"))
    profile = {"full_name": "Dana S.", "phone": "", "preferred_language": "en"}
    response = client.post(reverse("accounts:profile"), profile, follow=True,
                           HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    html = response.content.decode()
    banner = html[html.index("govuk-notification-banner--success") :]
    assert 'role="alert"' in html and "Your profile is saved." in banner
