"""Redoc is served from this site only, and only its page allows a blob: worker."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def directives(client: Client, url: str) -> dict[str, list[str]]:
    policy = client.get(url)["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_redoc_references_only_this_site(client: Client) -> None:
    page = client.get("/api/redoc/").content.decode()
    references = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert references, "the page loads its bundle"
    assert all(ref.startswith("/") and not ref.startswith("//") for ref in references)
    assert "fonts.googleapis" not in page
    assert "/api/redoc/redoc.standalone.js" in references


def test_the_bundle_is_redoc_without_the_image_from_elsewhere(client: Client) -> None:
    response = client.get("/api/redoc/redoc.standalone.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"Redoc" in response.content
    assert b"cdn.redoc.ly" not in response.content


def test_only_the_redoc_page_allows_a_blob_worker(client: Client) -> None:
    assert "blob:" in directives(client, "/api/redoc/")["worker-src"]
    assert "worker-src" not in directives(client, "/")
    assert "worker-src" not in directives(client, "/api/docs/")
