"""Filing a petition from its form, and "my petitions": a verified citizen files; anyone
else is told what is missing; bad input is explained and nothing typed is lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from agencies.models import Agency, Category
from petitions.models import ExcludedSubject, Petition, PetitionLevel
from petitions.moderation import petition_refuse
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.files import pdf
from tests.petitions.pages import EN, lift_limits
from tests.petitions.world import LOCAL_BODY, filed, moderator, verified_citizen

pytestmark = pytest.mark.django_db
NEW = reverse("petitions:new")
MINE = reverse("petitions:mine")


@pytest.fixture(autouse=True)
def _limits(settings: Any, tmp_path: Path) -> None:
    lift_limits(settings, tmp_path)


def typed(**fields: object) -> dict[str, object]:
    values: dict[str, object] = {
        "addressee": Agency.objects.get(code=LOCAL_BODY).pk,
        "category": Category.objects.get(code="housing-heating").pk,
        "title": "Отремонтировать котельную микрорайона",
        "text": "Котельная микрорайона работает с перебоями третью зиму подряд.",
        "demand": "Включить ремонт котельной в план на следующий год.",
        "not_excluded": "on",
    }
    values.update(fields)
    return {key: value for key, value in values.items() if value is not None}


def test_a_verified_citizen_sees_the_form_with_the_excluded_subjects(
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(verified_citizen())
    with django_assert_max_num_queries(12):
        page = client.get(NEW, **EN).content.decode()
    assert Agency.objects.get(code=LOCAL_BODY).name_en in page
    for subject in ExcludedSubject.objects.filter(is_active=True):
        assert escape(subject.name_en) in page
    assert 'type="file"' in page and "multiple" in page


def test_a_verified_citizen_files_and_finds_it_among_his_petitions() -> None:
    author = verified_citizen()
    client = client_for(author)
    response = client.post(NEW, {**typed(), "attachments": [pdf()]}, HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 302 and response["Location"] == MINE
    petition = Petition.objects.get(author=author)
    assert (petition.status, petition.language) == (Petition.Status.SUBMITTED, "kk")
    assert petition.attachments.get().original_name == "scan.pdf"
    page = client.get(MINE, **EN).content.decode()
    with translation.override("kk"):  # told in the language he filed in
        told = gettext("Your petition is filed. Moderators will check it; we will tell you.")
    assert told in page and petition.title in page
    assert "Moderation due by" in page


def test_a_petition_filed_in_english_is_written_as_russian() -> None:
    author = verified_citizen()
    client_for(author).post(NEW, typed(), **EN)
    assert Petition.objects.get(author=author).language == "ru"


def test_an_unverified_citizen_is_sent_to_prove_his_iin() -> None:
    client = client_for(UserFactory.create())
    page = client.get(NEW, **EN).content.decode()
    assert "IIN is verified" in page and reverse("accounts:signature") in page
    assert 'name="title"' not in page
    assert client.post(NEW, typed(), **EN).status_code == 200
    assert not Petition.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in() -> None:
    for url in (NEW, MINE):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("accounts:login")
        )


def _inactive_body() -> dict[str, object]:
    Agency.objects.filter(code=LOCAL_BODY).update(is_active=False)
    return {}


def _body_without_level() -> dict[str, object]:
    PetitionLevel.objects.filter(code="city-akimat").update(is_active=False)
    return {}


@pytest.mark.parametrize(("change", "words"), [
    (lambda: {"not_excluded": None}, "not about an excluded subject"),
    (_inactive_body, "petitions cannot go to this one"),
    (_body_without_level, "petitions cannot go to this one"),
    (lambda: {"addressee": None}, "Choose the body"),
    (lambda: {"title": ""}, "Write the petition&#x27;s title"),
    (lambda: {"text": "", "demand": ""}, "Write the text of the petition"),
    (lambda: {"title": "Т" * 201}, "at most 200 characters"),
    (lambda: {"demand": "Т" * 2001}, "at most 2000 characters"),
    (lambda: {"category": Category.objects.get(code="housing").pk}, "topic from the list"),
])  # fmt: skip
def test_bad_input_is_explained_and_nothing_is_filed(change: Any, words: str) -> None:
    data = typed(**change())
    response = client_for(verified_citizen()).post(NEW, data, **EN)
    page = response.content.decode()
    assert response.status_code == 200 and words in page
    assert "There is a problem" in page and not Petition.objects.exists()
    assert ("Котельная микрорайона работает" in page) == bool(data.get("text"))


def test_a_refusal_of_the_service_keeps_what_was_typed(settings: Any) -> None:
    settings.PETITIONS_FILED_PER_DAY = 0
    data = {**typed(), "attachments": [pdf()]}
    page = client_for(verified_citizen()).post(NEW, data, **EN).content.decode()
    assert "as many petitions today as one person may" in page
    assert "Котельная микрорайона работает" in page and "Включить ремонт котельной" in page
    assert "Please attach your files again" in page and not Petition.objects.exists()


def test_my_petitions_show_their_status_and_the_refusals_reasons() -> None:
    author = verified_citizen()
    waiting, refused = filed(author), filed(author, title="Запретить выборы")
    subject = ExcludedSubject.objects.get(code="elections")
    petition_refuse(moderator=moderator(), petition_id=refused.pk, ground="excluded_subject",
                    excluded_subject=subject, reason="Выборы не предмет петиции.")  # fmt: skip
    someone_elses = filed(title="Чужая петиция")
    page = client_for(author).get(MINE, **EN).content.decode()
    assert waiting.title in page and refused.title in page and someone_elses.title not in page
    assert "Its subject may not be petitioned" in page and subject.name_en in page
    assert "Выборы не предмет петиции." in page and "Moderation due by" in page


def test_my_petitions_are_read_in_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    author = verified_citizen()
    for _ in range(3):
        filed(author)
    client = client_for(author)
    with django_assert_max_num_queries(10):
        assert client.get(MINE).status_code == 200
