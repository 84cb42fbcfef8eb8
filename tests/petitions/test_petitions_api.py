"""Petitions in the API: listed ones with the list's filters and cursor pages, any
published one by slug with its exact count, signers' short names, timeline and answer;
nothing unpublished, no author, no signer's full name or IIN."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from petitions.models import Petition
from petitions.signing import signature_count
from tests.petitions.crowd import planted
from tests.petitions.world import filed, published, signed_by, verified_citizen

pytestmark = pytest.mark.django_db


def listed(count: int = 50, **fields: Any) -> Petition:
    petition = published(**fields)
    planted(petition, count)
    return petition


def get(url: str, expected: int = 200, query: dict[str, Any] | None = None) -> Any:
    response = APIClient().get(url, query or {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == expected, response.content
    return response.json()


def test_the_list_holds_listed_petitions_with_exact_counts() -> None:
    first = listed(52, title="Первая")
    second = listed(57, title="Вторая", addressee="akimat-kz-75")
    published(title="Только по ссылке")
    rows = get("/api/v1/petitions/")["results"]
    assert [(row["slug"], row["signatures"]) for row in rows] == [
        (second.slug, 57), (first.slug, 52),
    ]  # fmt: skip
    assert rows[0]["body"] == "akimat-kz-75" and rows[0]["status"] == "collecting"
    assert "author" not in rows[0] and "text" not in rows[0]
    assert [
        r["slug"] for r in get("/api/v1/petitions/", query={"body": "akimat-kz-75"})["results"]
    ] == [second.slug]
    assert get("/api/v1/petitions/", query={"q": "перв"})["results"][0]["slug"] == first.slug
    assert get("/api/v1/petitions/", query={"status": "answered"})["results"] == []


def test_cursor_pages() -> None:
    for _ in range(3):
        petition = published()
        Petition.objects.filter(pk=petition.pk).update(listed_at=petition.published_at)
    page = get("/api/v1/petitions/", query={"page_size": 2})
    assert len(page["results"]) == 2 and page["next"]
    rest = APIClient().get(page["next"]).json()
    assert len(rest["results"]) == 1 and rest["next"] is None


@pytest.mark.parametrize(
    "query",
    [{"q": ""}, {"q": "   "}, {"q": "a\x00"}, {"q": "я" * 201}, {"body": "a b"},
     {"status": "submitted"}, {"status": "refused"}, {"page_size": "0"}, {"region": ""}],
)  # fmt: skip
def test_crafted_filters_are_refused_with_400(query: dict[str, str]) -> None:
    get("/api/v1/petitions/", 400, query)


def test_a_link_only_petition_is_reachable_by_slug_and_listed_from_50() -> None:
    author = verified_citizen(full_name="Нурланов Канат Ержанович", email="kanat@otinish.test")
    petition = published(author, threshold=1000)
    signers = signed_by(petition, 49)
    assert get("/api/v1/petitions/")["results"] == []
    one = get(f"/api/v1/petitions/{petition.slug}/")
    assert one["signatures"] == 49 == signature_count(petition.pk) and one["listed_at"] is None
    assert one["threshold"] == 1000 and len(one["recent_signers"]) == 20
    assert one["recent_signers"][0] == "Айгерим С."
    text = str(one)
    for secret in ("Нурланов", "kanat@otinish.test", author.iin_bin, signers[0].iin_bin,
                   signers[0].full_name, "Нурлановна"):  # fmt: skip
        assert secret not in text
    assert [step["label"] for step in one["timeline"]][:2] == [
        "Filed", "Published by link after moderation",
    ]  # fmt: skip
    signed_by(petition, 1)
    assert [row["slug"] for row in get("/api/v1/petitions/")["results"]] == [petition.slug]


def test_unpublished_petitions_are_not_found() -> None:
    petition = filed()
    get(f"/api/v1/petitions/{petition.slug}/", 404)
    Petition.objects.filter(pk=petition.pk).update(status="refused", refusal_reason="Нет.")
    get(f"/api/v1/petitions/{petition.slug}/", 404)
    get("/api/v1/petitions/no-such-petition/", 404)


def test_the_answer_is_in_the_detail() -> None:
    petition = listed()
    Petition.objects.filter(pk=petition.pk).update(
        status="answered", reached_at=petition.published_at, answer_due=petition.published_at,
        answered_at=petition.listed_at, outcome="refused", decision="Отказано: нет средств.",
    )  # fmt: skip
    one = get(f"/api/v1/petitions/{petition.slug}/")
    assert (one["outcome"], one["decision"], one["on_time"]) == (
        "refused", "Отказано: нет средств.", False,
    )  # fmt: skip


def test_anonymous_reads_and_nothing_writes() -> None:
    petition = listed()
    client = APIClient()
    assert client.post("/api/v1/petitions/", {}).status_code == 405
    assert client.delete(f"/api/v1/petitions/{petition.slug}/").status_code == 405
