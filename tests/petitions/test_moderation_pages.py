"""The moderators' back-office: the queue, a petition's moderation (accept, refuse), its
files, the flags of signature bursts; nobody else reaches them."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from appeals.attachments import clean_upload
from core.refusals import ActionRefused
from petitions.filing import petition_file
from petitions.models import ExcludedSubject, Petition, PetitionFlag
from petitions.moderation import flag_review
from tests.conftest import client_for
from tests.files import pdf
from tests.petitions.pages import EN, lift_limits, visitor
from tests.petitions.world import draft, filed, moderator, published, verified_citizen

pytestmark = pytest.mark.django_db
QUEUE = reverse("backoffice:petitions_petition_moderation")
FLAGS = reverse("backoffice:petitions_petition_flags")


@pytest.fixture(autouse=True)
def _limits(settings: Any, tmp_path: Path) -> None:
    lift_limits(settings, tmp_path)


def moderate_url(petition: Petition) -> str:
    return reverse("backoffice:petitions_petition_moderate", args=[petition.pk])


def accept_url(petition: Petition) -> str:
    return reverse("backoffice:petitions_petition_accept", args=[petition.pk])


def refuse_url(petition: Petition) -> str:
    return reverse("backoffice:petitions_petition_refuse", args=[petition.pk])


def with_pdf(author: User | None = None) -> Petition:
    return petition_file(author=author or verified_citizen(), draft=draft(),
                         files=[clean_upload(pdf())], not_excluded=True)  # fmt: skip


def flag_on(petition: Petition) -> PetitionFlag:
    now = timezone.now()
    return PetitionFlag.objects.create(
        petition=petition, window_start=now - datetime.timedelta(minutes=10), window_end=now,
        new_accounts=140,
    )  # fmt: skip


def test_the_queue_lists_submitted_petitions_oldest_first_overdue_marked() -> None:
    late, recent = filed(title="Первая петиция"), filed(title="Вторая петиция")
    Petition.objects.filter(pk=late.pk).update(
        admissibility_due=timezone.now() - datetime.timedelta(days=1)
    )
    published(title="Уже опубликована")
    page = client_for(moderator()).get(QUEUE, **EN).content.decode()
    assert page.index("Первая петиция") < page.index("Вторая петиция")
    assert "Уже опубликована" not in page and page.count('class="overdue"') == 1
    assert moderate_url(late) in page and moderate_url(recent) in page


def test_the_moderation_page_shows_the_petition_its_author_goal_and_files() -> None:
    author = verified_citizen()
    petition = with_pdf(author)
    page = client_for(moderator()).get(moderate_url(petition), **EN).content.decode()
    shown = (petition.title, petition.text, petition.demand, author.full_name, "2500")
    for words in (*shown, petition.addressee.name_en, petition.level.name_en, "scan.pdf"):
        assert words in page
    assert accept_url(petition) in page and refuse_url(petition) in page


def test_a_moderator_downloads_a_file_privately_and_others_do_not() -> None:
    petition = with_pdf(None)
    url = reverse("backoffice:petitions_petition_file", args=[petition.attachments.get().pk])
    response = client_for(moderator()).get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    assert visitor("head").get(url).status_code == 404  # not yet in the addressee's queue


def test_a_moderator_accepts_a_petition() -> None:
    petition = filed()
    response = client_for(moderator()).post(accept_url(petition), **EN)
    assert response.status_code == 302 and response["Location"] == QUEUE
    petition.refresh_from_db()
    assert petition.status == Petition.Status.COLLECTING and petition.threshold == 2500


def test_a_moderator_refuses_with_the_ground_and_reasons() -> None:
    petition = filed()
    subject = ExcludedSubject.objects.get(code="elections")
    data = {"ground": "excluded_subject", "excluded_subject": subject.pk, "reason": "Выборы."}
    response = client_for(moderator()).post(refuse_url(petition), data)
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.excluded_subject) == (Petition.Status.REFUSED, subject)


@pytest.mark.parametrize(("data", "words"), [
    ({"ground": "excluded_subject", "reason": "Тема выборов."}, "only when it is the ground"),
    ({"ground": "duplicate", "reason": ""}, "This field is required"),
    ({"ground": "", "reason": "Тема выборов."}, "This field is required"),
])  # fmt: skip
def test_a_refusal_missing_something_is_explained_and_kept(
    data: dict[str, str], words: str
) -> None:
    petition = filed()
    response = client_for(moderator()).post(refuse_url(petition), data, **EN)
    page = response.content.decode()
    assert response.status_code == 200 and words in page
    assert data["reason"] in page and Petition.objects.get().status == Petition.Status.SUBMITTED


def test_a_moderated_petition_is_shown_without_the_forms() -> None:
    petition = published()
    client = client_for(moderator())
    page = client.get(moderate_url(petition), **EN).content.decode()
    assert accept_url(petition) not in page and "Collecting signatures" in page
    response = client.post(accept_url(petition), **EN)
    assert response["Location"] == moderate_url(petition)


@pytest.mark.parametrize("who", ["head", "registrar", "executor", "controller_above",
                                 "other_agency_head"])  # fmt: skip
def test_other_staff_do_not_find_the_moderation(who: str) -> None:
    petition = filed()
    flag = flag_on(published())
    client = visitor(who)
    for url in (QUEUE, moderate_url(petition), FLAGS):
        assert client.get(url).status_code == 404
    assert client.post(accept_url(petition)).status_code == 404
    assert (
        client.post(refuse_url(petition), {"ground": "duplicate", "reason": "x"}).status_code == 404
    )
    review = reverse("backoffice:petitions_petition_flag_review", args=[flag.pk])
    assert client.post(review, {"note": "x"}).status_code == 404
    assert Petition.objects.get(pk=petition.pk).status == Petition.Status.SUBMITTED
    assert PetitionFlag.objects.get().reviewed_at is None


@pytest.mark.parametrize("who", ["citizen", "anonymous"])
def test_citizens_and_visitors_are_sent_to_the_staff_login(who: str) -> None:
    petition = filed()
    client = client_for(verified_citizen()) if who == "citizen" else Client()
    for url in (QUEUE, moderate_url(petition), FLAGS):
        response = client.get(url)
        assert response.status_code == 302 and "/backoffice/login/" in response["Location"]
    assert client.post(accept_url(petition)).status_code == 302
    assert Petition.objects.get().status == Petition.Status.SUBMITTED


def test_a_moderator_reviews_a_flag_once() -> None:
    flag = flag_on(published(title="Петиция со всплеском"))
    client = client_for(moderator())
    page = client.get(FLAGS, **EN).content.decode()
    assert "Петиция со всплеском" in page and "140" in page
    review = reverse("backoffice:petitions_petition_flag_review", args=[flag.pk])
    response = client.post(review, {"note": "Подписи из одной сети, снято"}, **EN)
    assert response.status_code == 302 and response["Location"] == FLAGS
    flag.refresh_from_db()
    assert flag.reviewed_at is not None and flag.review_note == "Подписи из одной сети, снято"
    assert "Петиция со всплеском" not in client.get(FLAGS).content.decode()
    with translation.override("en"), pytest.raises(ActionRefused, match="already been reviewed"):
        flag_review(moderator=moderator(), flag_id=flag.pk, note="")


def test_only_a_moderator_reviews_a_flag() -> None:
    flag = flag_on(published())
    with pytest.raises(ActionRefused) as refused:
        flag_review(moderator=verified_citizen(), flag_id=flag.pk, note="")
    assert refused.value.forbidden


def test_the_moderators_find_their_pages_from_the_petitions_list() -> None:
    page = (
        client_for(moderator())
        .get(reverse("backoffice:petitions_petition_changelist"), **EN)
        .content.decode()
    )
    assert QUEUE in page and FLAGS in page
    other = visitor("head").get(reverse("backoffice:petitions_petition_changelist"))
    assert QUEUE not in other.content.decode()


def test_a_moderator_opens_the_back_office_on_the_petitions_to_moderate() -> None:
    response = client_for(moderator()).get(reverse("backoffice:index"))
    assert response.status_code == 302 and response["Location"] == QUEUE


def test_the_moderators_lists_read_a_bounded_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(3):
        filed()
        flag_on(published())
    client = client_for(moderator())
    for url in (QUEUE, FLAGS):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
