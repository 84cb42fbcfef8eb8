"""The portal's icon: linked from every page, and /favicon.ico answers."""

from __future__ import annotations

import pytest
from django.templatetags.static import static
from django.test import Client

pytestmark = pytest.mark.django_db


def test_favicon_ico_answers_with_the_svg(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_pages_link_the_icon(client: Client) -> None:
    link = f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">'
    assert link in client.get("/").content.decode()
