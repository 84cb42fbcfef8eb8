"""Signing and withdrawing from the petition's page: a verified citizen only, once, while
the collection is open, and only a published petition (404 otherwise)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from petitions.models import Petition, Signature
from petitions.moderation import petition_refuse
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.petitions.pages import EN, lift_limits
from tests.petitions.world import filed, moderator, published, verified_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings: Any, tmp_path: Path) -> None:
    lift_limits(settings, tmp_path)


def sign_url(petition: Petition) -> str:
    return reverse("petitions:sign", args=[petition.slug])


def withdraw_url(petition: Petition) -> str:
    return reverse("petitions:withdraw", args=[petition.slug])


def page_of(petition: Petition) -> str:
    return reverse("petitions:detail", args=[petition.slug])


def said(response: Any) -> list[str]:
    """The message this response added (those of earlier ones wait unread with it)."""
    return [str(message) for message in response.wsgi_request._messages][-1:]


def active(petition: Petition) -> int:
    return Signature.objects.filter(petition=petition, withdrawn_at__isnull=True).count()


def test_a_verified_citizen_signs_and_returns_to_the_petition() -> None:
    petition = published()
    signer = verified_citizen()
    response = client_for(signer).post(sign_url(petition), **EN)
    assert response.status_code == 302 and response["Location"] == page_of(petition)
    assert said(response) == ["Your signature is counted. Thank you."]
    assert Signature.objects.get(petition=petition).signer == signer


def test_signing_twice_is_refused_and_counts_once() -> None:
    petition = published()
    client = client_for(verified_citizen())
    client.post(sign_url(petition), **EN)
    response = client.post(sign_url(petition), **EN)
    assert response.status_code == 302 and response["Location"] == page_of(petition)
    assert said(response) == ["You have already signed this petition."]
    assert active(petition) == 1


def test_an_unverified_citizen_is_told_why() -> None:
    petition = published()
    response = client_for(UserFactory.create()).post(sign_url(petition), **EN)
    assert response.status_code == 302
    assert "IIN is verified" in said(response)[0] and active(petition) == 0


def test_an_anonymous_visitor_is_sent_to_log_in_and_back_to_the_petition() -> None:
    petition = published()
    response = Client().post(sign_url(petition))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert f"next={page_of(petition)}" in response["Location"] and active(petition) == 0


def test_only_post_signs() -> None:
    petition = published()
    client = client_for(verified_citizen())
    assert client.get(sign_url(petition)).status_code == 405
    assert client.get(withdraw_url(petition)).status_code == 405
    assert active(petition) == 0


def test_a_form_without_the_csrf_token_is_refused() -> None:
    petition = published()
    client = Client(enforce_csrf_checks=True)
    client.force_login(verified_citizen())
    assert client.post(sign_url(petition)).status_code == 403
    assert active(petition) == 0


@pytest.mark.parametrize("state", ["submitted", "refused"])
def test_an_unpublished_petition_is_not_found(state: str) -> None:
    petition = filed()
    if state == "refused":
        petition_refuse(moderator=moderator(), petition_id=petition.pk,
                        ground="requirements", reason="Нет требования")  # fmt: skip
    client = client_for(verified_citizen())
    assert client.post(sign_url(petition)).status_code == 404
    assert client.post(withdraw_url(petition)).status_code == 404
    assert client.post(reverse("petitions:sign", args=["no-such-petition"])).status_code == 404
    assert active(petition) == 0


def test_a_closed_collection_is_refused() -> None:
    petition = published()
    Petition.objects.filter(pk=petition.pk).update(
        collection_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client_for(verified_citizen()).post(sign_url(petition), **EN)
    assert said(response) == ["The collection of signatures for this petition is closed."]
    assert active(petition) == 0


def test_a_signature_is_withdrawn_once() -> None:
    petition = published()
    client = client_for(verified_citizen())
    client.post(sign_url(petition))
    response = client.post(withdraw_url(petition), **EN)
    assert response["Location"] == page_of(petition)
    assert said(response) == ["Your signature is withdrawn."] and active(petition) == 0
    again = client.post(withdraw_url(petition), **EN)
    assert said(again) == ["You have not signed this petition."]
    assert Signature.objects.filter(petition=petition).count() == 1


def test_my_petitions_lists_what_i_signed_with_a_withdraw_button() -> None:
    open_one, closed_one, others = published(), published(), published()
    signer = verified_citizen()
    client = client_for(signer)
    for petition in (open_one, closed_one):
        client.post(sign_url(petition))
    client_for(verified_citizen()).post(sign_url(others))
    Petition.objects.filter(pk=closed_one.pk).update(
        collection_ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = client.get(reverse("petitions:mine"), **EN).content.decode()
    assert page_of(open_one) in page and page_of(closed_one) in page
    assert page_of(others) not in page
    assert withdraw_url(open_one) in page and withdraw_url(closed_one) not in page


def test_withdrawing_from_my_petitions_comes_back_there() -> None:
    petition = published()
    client = client_for(verified_citizen())
    client.post(sign_url(petition))
    response = client.post(withdraw_url(petition), {"back": "mine"})
    assert response["Location"] == reverse("petitions:mine") and active(petition) == 0
