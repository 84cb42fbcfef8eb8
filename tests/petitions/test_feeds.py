"""The RSS and Atom feeds of listed petitions: well-formed XML, newest first, the list's
filters, links to the petitions' pages, no personal data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from petitions.models import Petition
from tests.petitions.crowd import planted
from tests.petitions.world import published, verified_citizen

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def listed(**fields: Any) -> Petition:
    petition = published(**fields)
    planted(petition, 50)
    return petition


def test_the_rss_feed_lists_listed_petitions_newest_first(client: Client) -> None:
    author = verified_citizen(full_name="Сапаров Ерлан Маратович", email="erlan@otinish.test")
    older = listed(author=author, title="Старая петиция")
    newer = listed(title="Новая петиция")
    hidden = published(title="Только по ссылке")
    response = client.get("/petitions/feed.rss")
    assert response.status_code == 200 and "xml" in response["Content-Type"]
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == [
        f"{newer.number}: Новая петиция", f"{older.number}: Старая петиция",
    ]  # fmt: skip
    assert items[0].findtext("link", "").endswith(f"/petitions/{newer.slug}/")
    text = response.content.decode()
    assert hidden.title not in text
    for secret in ("Сапаров", "erlan@otinish.test", author.iin_bin, "Абдрахманова"):
        assert secret not in text


def test_the_atom_feed_follows_the_filters(client: Client) -> None:
    listed(title="Городская петиция", addressee="akimat-kz-75")
    listed(title="Районная петиция")
    response = client.get("/petitions/feed.atom", {"body": "akimat-kz-75"})
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert len(titles) == 1 and str(titles[0]).endswith("Городская петиция")
    assert ET.fromstring(client.get("/petitions/feed.atom", {"q": "районная"}).content)  # noqa: S314


@pytest.mark.parametrize("query", [{"q": "x" * 5000}, {"body": "\x00"}, {"status": "refused"},
                                   {"sort": "signatures"}, {"topic": "<script>"}])  # fmt: skip
def test_crafted_filters_still_give_a_feed(client: Client, query: dict[str, str]) -> None:
    listed(title="Петиция в ленте")
    for url in ("/petitions/feed.rss", "/petitions/feed.atom"):
        response = client.get(url, query)
        assert response.status_code == 200
        ET.fromstring(response.content)  # noqa: S314 - our own feed
