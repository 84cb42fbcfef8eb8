"""The administrator's pages of the law's rules: listed with their figures and legal basis;
the one row of general rules is never added twice nor deleted; petitions are only read."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from petitions.models import Petition, PetitionRules
from tests.factories import UserFactory
from tests.petitions.world import filed

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["petitionrules", "petitionlevel", "excludedsubject",
                                   "regionpopulation", "petition"])  # fmt: skip
def test_each_list_opens(admin_client: Client, model: str) -> None:
    url = reverse(f"admin:petitions_{model}_changelist")
    assert admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_the_levels_show_their_figures_and_legal_basis(admin_client: Client) -> None:
    url = reverse("admin:petitions_petitionlevel_changelist")
    page = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "city-akimat" in page and "2500" in page and "Закон Республики Казахстан" in page


def test_the_rules_are_one_row_never_added_twice_nor_deleted(admin_client: Client) -> None:
    assert PetitionRules.objects.count() == 1
    assert admin_client.get(reverse("admin:petitions_petitionrules_add")).status_code == 403
    delete = reverse("admin:petitions_petitionrules_delete", args=[1])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert PetitionRules.objects.count() == 1


def test_petitions_are_read_not_changed(admin_client: Client) -> None:
    petition = filed()
    change = reverse("admin:petitions_petition_change", args=[petition.pk])
    page = admin_client.get(change, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()
    assert admin_client.post(change, {"title": "Другое"}).status_code == 403
    assert admin_client.get(reverse("admin:petitions_petition_add")).status_code == 403
    assert Petition.objects.get().title == petition.title
