"""A petition's page for visitors with no session is kept a few seconds as rendered: the
count in it is still exact at every view, the language form carries the visitor's own CSRF
token, and a signed-in visitor never gets the kept page."""

from __future__ import annotations

import dataclasses
import re
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from petitions.models import Petition
from petitions.views import page_cache
from tests.conftest import client_for
from tests.petitions.world import published, signed_by, verified_citizen

pytestmark = pytest.mark.django_db
COUNT = re.compile(r'petition-count"><strong>(\d+)</strong>')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _kept_pages() -> object:
    with override_settings(PETITIONS_PAGE_CACHE_SECONDS=30):
        yield
    cache.clear()
    page_cache.forget()


def test_the_kept_page_costs_one_query_and_its_count_stays_exact() -> None:
    petition = published(title="Сохранить сквер")
    first_signers = signed_by(petition, 3)
    page = f"/petitions/{petition.slug}/"
    visitor = Client()
    assert COUNT.findall(visitor.get(page).content.decode()) == ["3"]
    signed_by(petition, 2)
    with CaptureQueriesContext(connection) as queries:
        kept = visitor.get(page)
    body = kept.content.decode()
    assert len(queries) == 1 and "petitions_signaturetally" in queries[0]["sql"]
    assert COUNT.findall(body) == ["5"] and kept["X-Robots-Tag"] == "noindex"
    assert "Сохранить сквер" in body and first_signers[0].full_name not in body


def test_each_visitor_gets_his_own_token_and_the_language_form_works() -> None:
    petition = published()
    page = f"/petitions/{petition.slug}/"
    Client().get(page)  # kept now
    visitor = Client(enforce_csrf_checks=True)
    body = visitor.get(page).content.decode()
    assert "petition-page-csrf-mark" not in body and "<!-- petition-progress -->" not in body
    token = TOKEN.search(body)
    assert token is not None
    switched = visitor.post("/i18n/setlang/", {"language": "kk", "next": page,
                                               "csrfmiddlewaretoken": token.group(1)})  # fmt: skip
    assert switched.status_code == 302


def test_a_signed_in_visitor_gets_his_own_page() -> None:
    petition = published()
    page = f"/petitions/{petition.slug}/"
    Client().get(page)  # kept for visitors with no session
    signer = verified_citizen()
    body = client_for(signer).get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/petitions/{petition.slug}/sign/" in body and signer.full_name in body


def test_a_query_is_neither_served_the_kept_page_nor_kept() -> None:
    petition = published()
    page = f"/petitions/{petition.slug}/"
    crafted = Client().get(f"{page}?next=%2F%2Felsewhere.example").content.decode()
    assert "elsewhere.example" in crafted  # the language form's way back, escaped, his own
    assert "elsewhere.example" not in Client().get(page).content.decode()
    signed_by(petition, 1)
    kept = Client().get(f"{page}?utm=x").content.decode()
    assert COUNT.findall(kept) == ["1"]


def test_a_worker_serves_its_own_copy_no_longer_than_the_shared_cache_keeps_it() -> None:
    petition = published(title="Сохранить сквер")
    page = f"/petitions/{petition.slug}/"
    Client().get(page)  # kept, in the shared cache and in this process
    Petition.objects.filter(pk=petition.pk).update(title="Новое название")
    key = next(iter(page_cache._held))
    cache.delete(key)  # this process's copy alone serves the page now, without a cache read
    signed_by(petition, 1)
    with CaptureQueriesContext(connection) as queries:
        body = Client().get(page).content.decode()
    assert "Сохранить сквер" in body and COUNT.findall(body) == ["1"] and len(queries) == 1
    # Its time over, the copy is not served: the page is rendered anew.
    page_cache._held[key] = dataclasses.replace(page_cache._held[key], expires=time.time())
    body = Client().get(page).content.decode()
    assert "Новое название" in body and "Сохранить сквер" not in body
