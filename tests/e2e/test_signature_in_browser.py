"""Proving an IIN in the browser: the page asks NCALayer, played here by a WebSocket server
of the tests' own that signs with a certificate of their own CA, as the real one would."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from websockets.sync.server import Server, ServerConnection, serve

from accounts.models import Proof
from accounts.signatures import _authorities
from tests.accounts.pki import Authority, Issued, sign
from tests.conftest import People

AxeCheck = Callable[[Page], None]
IIN = "850210400505"


class FakeNCALayer:
    """NCALayer's side of its WebSocket: its greeting, no token plugged in, and a CMS
    signature of whatever it is asked to sign, by `signer`."""

    def __init__(self, signer: Issued) -> None:
        self.signer, self.asked = signer, list[dict[str, Any]]()
        self.server: Server = serve(self.answer, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/"

    def answer(self, socket: ServerConnection) -> None:
        socket.send(json.dumps({"result": {"version": "1.4"}}))
        for message in socket:
            request: dict[str, Any] = json.loads(message)
            self.asked.append(request)
            if request["method"] == "getActiveTokens":
                socket.send(json.dumps({"code": "200", "responseObject": []}))
            elif request["method"] == "createCAdESFromBase64":
                storage, key_type, data, attach = request["args"]
                assert (storage, key_type, attach) == ("PKCS12", "AUTHENTICATION", True)
                signed = sign(base64.b64decode(data), self.signer)
                socket.send(json.dumps({"code": "200", "responseObject": signed}))


@pytest.fixture
def ncalayer(settings: Any, tmp_path: Path) -> Iterator[FakeNCALayer]:
    nca = Authority.create()
    settings.IDENTITY_CA_FILES = nca.files(tmp_path)
    _authorities.cache_clear()
    fake = FakeNCALayer(nca.person(IIN, "ТЕСТОВ", "ЕРЖАН", "САПАРОВИЧ"))
    settings.NCALAYER_URL = fake.url
    yield fake
    fake.server.shutdown()
    _authorities.cache_clear()


def log_in(page: Page, url: str, people: People) -> None:
    page.goto(url + "/accounts/login/")
    page.fill("[name=username]", people.citizen.email)
    page.fill("[name=password]", "correct horse battery")
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_a_citizen_proves_the_iin_through_ncalayer(
    page: Page, live_server: LiveServer, people: People, ncalayer: FakeNCALayer,
    axe_check: AxeCheck,
) -> None:  # fmt: skip
    log_in(page, live_server.url, people)
    page.goto(live_server.url + "/accounts/signature/")
    axe_check(page)
    page.locator("button[name=sign]").click()
    page.wait_for_url("**/accounts/profile/")
    expect(page.locator("main")).to_contain_text(IIN)
    people.citizen.refresh_from_db()
    assert people.citizen.iin_verified_by == Proof.SIGNATURE
    assert people.citizen.full_name == "Тестов Ержан Сапарович"
    assert [request["method"] for request in ncalayer.asked] == [
        "getActiveTokens", "createCAdESFromBase64",
    ]  # fmt: skip


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_without_ncalayer_the_page_says_how_to_get_it(
    page: Page, live_server: LiveServer, people: People, settings: Any, tmp_path: Path
) -> None:
    settings.IDENTITY_CA_FILES = Authority.create().files(tmp_path)
    settings.NCALAYER_URL = "ws://127.0.0.1:9/"  # nothing listens
    log_in(page, live_server.url, people)
    page.goto(live_server.url + "/accounts/signature/")
    page.locator("button[name=sign]").click()
    expect(page.locator("#signature-status")).to_contain_text("pki.gov.kz")
    people.citizen.refresh_from_db()
    assert not people.citizen.iin_proven
