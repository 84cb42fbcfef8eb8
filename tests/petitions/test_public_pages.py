"""The public pages of petitions: the list with its filters, search, order and pages; a
published petition's page, its signers and files; nothing of an unpublished petition, no
signer beyond his short name, no author."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from petitions.models import Petition, PetitionAttachment
from petitions.signing import signature_count
from tests.conftest import client_for
from tests.petitions.crowd import FULL_NAME, planted, streamed
from tests.petitions.world import filed, published, signed_by, verified_citizen

pytestmark = pytest.mark.django_db
IIN = re.compile(r"(?<!\d)\d{12}(?!\d)")


def listed(**fields: Any) -> Petition:
    """A published petition past the first threshold (50 signatures)."""
    petition = published(**fields)
    planted(petition, 50)
    assert petition.listed_at is not None
    return petition


def test_a_petition_is_reachable_by_link_and_listed_from_50_signatures(client: Client) -> None:
    petition = published(title="Осветить парк у реки")
    signed_by(petition, 49)
    page = client.get(f"/petitions/{petition.slug}/")
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in page.content.decode()
    assert "Осветить парк у реки" not in client.get("/petitions/").content.decode()
    signed_by(petition, 1)
    listing = client.get("/petitions/").content.decode()
    assert "Осветить парк у реки" in listing
    page = client.get(f"/petitions/{petition.slug}/")
    assert "X-Robots-Tag" not in page and 'name="robots"' not in page.content.decode()


@pytest.mark.parametrize("status", ["submitted", "refused"])
def test_an_unpublished_petition_is_found_nowhere(client: Client, status: str) -> None:
    petition = filed()
    if status == "refused":
        Petition.objects.filter(pk=petition.pk).update(status="refused", refusal_reason="Нет.")
    for url in ("", "signers/"):
        assert client.get(f"/petitions/{petition.slug}/{url}").status_code == 404
    assert petition.title not in client.get("/petitions/").content.decode()


def test_the_page_shows_the_exact_count_and_short_names_only(client: Client) -> None:
    author = verified_citizen(full_name="Ахметов Болат Каиржанович", email="bolat@otinish.test")
    petition = published(author, threshold=1000)
    people = planted(petition, 60, full_name="Тулегенова Жанар Маратовна")
    page = client.get(f"/petitions/{petition.slug}/")
    content = page.content.decode()
    assert page.context["progress"].count == signature_count(petition.pk) == 60
    assert petition.signatures.filter(withdrawn_at__isnull=True).count() == 60
    assert '<progress class="petition-progress" max="100" value="6"' in content
    assert content.count("<li>Жанар Т.</li>") == 20
    for secret in ("Тулегенова", "Маратовна", "Ахметов", "Болат", "bolat@otinish.test",
                   people[0].iin_bin, author.iin_bin):  # fmt: skip
        assert secret not in content
    assert not IIN.search(content)


def test_the_page_is_a_handful_of_queries_and_counts_no_signatures(client: Client) -> None:
    petition = listed()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/petitions/{petition.slug}/").status_code == 200
    assert len(queries) <= 6
    assert not any("count(" in q["sql"].lower() and 'signature"' in q["sql"] for q in queries)


def english(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_signing_buttons_follow_the_viewer(client: Client) -> None:
    petition = published(threshold=1000)
    page = english(client).get(f"/petitions/{petition.slug}/").content.decode()
    assert "Sign in to sign" in page and f"next=%2Fpetitions%2F{petition.slug}%2F" in page
    citizen = english(client_for(verified_citizen()))
    page = citizen.get(f"/petitions/{petition.slug}/").content.decode()
    assert f'action="/petitions/{petition.slug}/sign/"' in page
    citizen.post(f"/petitions/{petition.slug}/sign/")
    page = citizen.get(f"/petitions/{petition.slug}/").content.decode()
    assert f'action="/petitions/{petition.slug}/withdraw/"' in page
    assert "Withdraw my signature" in page
    unverified = english(client_for(verified_citizen(iin_verified_at=None)))
    page = unverified.get(f"/petitions/{petition.slug}/").content.decode()
    assert "/sign/" not in page and "IIN is verified" in page


def test_failed_and_answered_petitions(client: Client) -> None:
    petition = listed()
    Petition.objects.filter(pk=petition.pk).update(status="failed", closed_at=timezone.now())
    page = english(client).get(f"/petitions/{petition.slug}/").content.decode()
    assert "kept in the archive" in page and "/sign/" not in page
    now = timezone.now()
    Petition.objects.filter(pk=petition.pk).update(
        status="answered", reached_at=now, answer_due=now - datetime.timedelta(days=1),
        answered_at=now, outcome="partly", decision="Частично включено в план.",
    )  # fmt: skip
    page = client.get(f"/petitions/{petition.slug}/").content.decode()
    assert "Частично включено в план." in page and "Partly accepted" in page and "late" in page


def test_all_signers_page_by_page_newest_first(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from petitions.views import public

    monkeypatch.setattr(public, "SIGNERS_PAGE", 30)
    petition = published()
    planted(petition, 40, full_name="Иванов Первый Иванович")
    planted(petition, 35, full_name="Петров Второй Петрович")
    first = client.get(f"/petitions/{petition.slug}/signers/")
    assert first.context["names"] == ["Второй П."] * 30
    older = first.context["older"]
    second = client.get(f"/petitions/{petition.slug}/signers/", {"before": older})
    assert second.context["names"] == ["Второй П."] * 5 + ["Первый И."] * 25
    third = client.get(f"/petitions/{petition.slug}/signers/", {"before": second.context["older"]})
    assert third.context["names"] == ["Первый И."] * 15 and third.context["older"] is None
    for bad in ("abc", "9" * 40, "-1", "\x00"):
        assert (
            client.get(f"/petitions/{petition.slug}/signers/", {"before": bad}).status_code == 200
        )


def test_a_published_petitions_file_is_a_safe_download(client: Client, settings: object) -> None:
    petition = published()
    attachment = PetitionAttachment.objects.create(
        petition=petition, file=SimpleUploadedFile("x.pdf", b"%PDF-1.4 test"),
        original_name='план "ремонта".pdf', content_type="application/pdf", size=13,
    )  # fmt: skip
    response = client.get(f"/petitions/{petition.slug}/files/{attachment.pk}/")
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert streamed(response) == b"%PDF-1.4 test"
    other = published()
    assert client.get(f"/petitions/{other.slug}/files/{attachment.pk}/").status_code == 404
    Petition.objects.filter(pk=petition.pk).update(status="submitted")
    assert client.get(f"/petitions/{petition.slug}/files/{attachment.pk}/").status_code == 404


def test_the_list_filters_searches_sorts_and_pages(client: Client) -> None:
    heating = listed(title="Котельная на Абая")
    lights = listed(title="Фонари на Сатпаева", addressee="akimat-kz-75")
    Petition.objects.filter(pk=heating.pk).update(signatures_seen=500)
    Petition.objects.filter(pk=lights.pk).update(signatures_seen=70)

    def titles(**query: str) -> list[str]:
        response = client.get("/petitions/", query)
        assert response.status_code == 200
        return [p.title for p in response.context["page"].object_list]

    assert titles() == ["Фонари на Сатпаева", "Котельная на Абая"]
    assert titles(sort="signatures") == ["Котельная на Абая", "Фонари на Сатпаева"]
    assert titles(q="сатпаева") == ["Фонари на Сатпаева"]
    assert titles(q="перебоями") == titles()  # the text is searched too
    assert titles(body="akimat-kz-75") == ["Фонари на Сатпаева"]
    assert titles(status="considering") == []
    assert titles(topic="housing-heating") == titles()
    assert "up to a minute old" in english(client).get("/petitions/").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"q": "я" * 5000}, {"q": "a\x00b"}, {"body": "x" * 5000}, {"body": "\x00"},
        {"region": "1; DROP TABLE"}, {"status": "refused"}, {"status": "submitted"},
        {"topic": "\x00"}, {"sort": "author"}, {"page": "abc"}, {"page": "9" * 400},
        {"page": "-3"},
    ],
)  # fmt: skip
def test_crafted_filters_are_ignored(client: Client, query: dict[str, str]) -> None:
    listed(title="Единственная петиция")
    response = client.get("/petitions/", query)
    assert response.status_code == 200
    assert "Единственная петиция" in response.content.decode()


def test_the_list_pages_by_twenty(client: Client) -> None:
    for number in range(21):
        petition = published(title=f"Петиция {number}")
        Petition.objects.filter(pk=petition.pk).update(listed_at=timezone.now())
    first = client.get("/petitions/")
    assert len(first.context["page"].object_list) == 20 and 'rel="next"' in first.content.decode()
    second = client.get("/petitions/", {"page": 2})
    assert [p.title for p in second.context["page"].object_list] == ["Петиция 0"]


def test_the_full_name_is_never_shown_on_the_list(client: Client) -> None:
    petition = listed()
    content = client.get("/petitions/").content.decode()
    assert petition.title in content and FULL_NAME.split()[0] not in content
