"""What citizens and staff do on the portal, through its real pages and forms.

Shared by the load scenario and the HTTP benchmark. Every step checks what it got: an
unexpected status, a redirect that is not the expected one, or a page without what it
should show is recorded as a failure.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from http.cookiejar import DefaultCookiePolicy
from typing import TYPE_CHECKING, Any

from django.conf import settings
from locust import FastHttpUser
from locust.contrib.fasthttp import FastResponse

from bench._pages import PDF, Form, read
from bench._server import PROXY_HEADERS

if TYPE_CHECKING:
    from bench._users import Login

SENT = re.compile(r"/appeals/(\d+)/sent/")
REFERENCE = re.compile(r"<strong data-reference>([^<]+)</strong>")
MY_APPEAL = re.compile(r"/appeals/\d+/")
QUEUE_ROW = re.compile(r"/backoffice/appeals/appeal/(\d+)/change/")
AGENCY_PAGE = re.compile(r"/ratings/agency/[\w-]+/")
# The browser's connection is TLS up to the load balancer, which this client also plays:
# the secure cookies go over the plain loopback leg, as they do behind the balancer.
SECURE_SCHEMES = ("https", "wss", "http")
ATTACH_SHARE = 0.3  # appeals and answers sent with a PDF
RESEND_SHARE = 0.1  # appeal forms sent twice, as a double click or a retry does


@dataclass(frozen=True)
class Confirmed:
    email: str
    reference: str
    appeal_id: int


def location(response: FastResponse) -> str:
    """Where a redirect points, or ""."""
    return str(response.headers.get("Location", "")) if response.headers else ""


class Browser(FastHttpUser):
    """A person with a browser. Every request passes the load balancer; no redirect is
    followed silently, so a lost session or a refusal cannot pass for success."""

    abstract = True
    origin = ""  # the address the browser sees: https://127.0.0.1:PORT

    def on_start(self) -> None:
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=SECURE_SCHEMES))

    def fetch(
        self,
        method: str,
        path: str,
        name: str,
        *,
        expect: int | tuple[int, ...] = 200,
        **kwargs: Any,
    ) -> FastResponse | None:
        """The response, or None once it is recorded as a failure."""
        expected = expect if isinstance(expect, tuple) else (expect,)
        headers = {**PROXY_HEADERS, "Referer": f"{self.origin}{path}"}
        with self.client.request(
            method, path, name=name, headers=headers, allow_redirects=False,
            catch_response=True, **kwargs,
        ) as response:  # fmt: skip
            if response.status_code not in expected:
                response.failure(
                    f"HTTP {response.status_code} {location(response)}, expected {expect}"
                )
                return None
            response.success()
            return response

    def form(self, path: str, name: str, field_name: str) -> Form | None:
        """The form on the page that has this field."""
        response = self.fetch("GET", path, name)
        if response is None:
            return None
        form = read(response.text or "").form_with(field_name)
        if form is None:
            self.fail(f"{name}: no form with {field_name}")
        return form

    def take_session(self, key: str) -> None:
        """Become the person of another signed-in session: the session cookie the log-in
        set now carries that session's key."""
        for cookie in self.client.cookiejar:
            if cookie.name == settings.SESSION_COOKIE_NAME:
                cookie.value = key

    def fail(self, message: str) -> None:
        """A failed check that no request carries: counted as an error of its own."""
        self.environment.events.request.fire(
            request_type="CHECK", name=message[:60], response_time=0, response_length=0,
            exception=AssertionError(message), context={},
        )  # fmt: skip

    def log_in(self, path: str, login: Login) -> bool:
        form = self.form(path, "log in: form", "username")
        if form is None:
            return False
        data = {**form.values, "username": login.email, "password": login.password}
        response = self.fetch("POST", path, "log in", expect=302, data=data)
        if response is None:
            return False
        if "/login/" in location(response):
            self.fail(f"log in as {login.email} was refused")
            return False
        return True

    # --- Citizens ---------------------------------------------------------------------

    def send_appeal(self, email: str, addressee: int | None = None) -> Confirmed | None:
        """Fill in and send the appeal form; the confirmed appeal, or None.

        The addressee is the routing proposal unless one is given (a citizen may address
        any body)."""
        form = self.form("/appeals/new/", "appeal form", "submission_key")
        if form is None:
            return None
        category = random.choice(form.options["category"])
        region = random.choice(form.options["region"])
        proposal = self.fetch("GET", f"/appeals/routing/?category={category}&region={region}",
                              "routing")  # fmt: skip
        proposed = proposal.json().get("agency") if proposal is not None else None
        data = {
            **form.values,
            "appeal_type": random.choice(form.options["appeal_type"]),
            "category": category,
            "region": region,
            "addressee": str(addressee or proposed or random.choice(form.options["addressee"])),
            "subject": "Нет отопления в доме",
            "text": "В доме по улице Абая, 10 нет отопления с 1 ноября. Прошу принять меры.",
            "language": "ru",
            "consent": "on",
        }
        # Browsers send a multipart form, with an empty part when no file is chosen.
        pdf = random.random() < ATTACH_SHARE
        files = {"attachments": ("scan.pdf", PDF, "application/pdf") if pdf else ("", b"")}
        sent = self.fetch(
            "POST", "/appeals/new/", "send appeal", expect=302, data=data, files=files
        )
        if sent is None:
            return None
        confirmation = location(sent)
        if not SENT.fullmatch(confirmation):
            self.fail(f"sending led to {confirmation}")
            return None
        if random.random() < RESEND_SHARE:
            again = self.fetch(
                "POST", "/appeals/new/", "send appeal again", expect=302, data=data, files=files
            )
            if again is not None and location(again) != confirmation:
                self.fail("the same form sent twice made a second appeal")
        return self._confirmation(email, confirmation)

    def _confirmation(self, email: str, path: str) -> Confirmed | None:
        page = self.fetch("GET", path, "confirmation")
        match = REFERENCE.search(page.text or "") if page is not None else None
        if match is None:
            self.fail("no reference number on the confirmation page")
            return None
        return Confirmed(email, match.group(1), int(path.split("/")[2]))

    def my_appeals(self) -> list[str]:
        """The list of the citizen's appeals; the links to them."""
        response = self.fetch("GET", "/appeals/", "my appeals")
        return read(response.text or "").links_matching(MY_APPEAL) if response else []

    # --- Staff --------------------------------------------------------------------------

    def queue(self, queue: str, status: str = "") -> list[str]:
        """A back-office queue; the ids of the appeals on its first page."""
        path = f"/backoffice/appeals/appeal/?queue={queue}"
        response = self.fetch("GET", f"{path}&status__exact={status}" if status else path, "queue")
        return QUEUE_ROW.findall(response.text or "") if response is not None else []

    def act(
        self,
        rows: list[str],
        action: str,
        field_name: str,
        fill: Callable[[Form], dict[str, str]],
    ) -> str:
        """Open one of these appeals and take the action through its form.

        Returns what happened: the action, "nothing to do", or "taken by someone else
        first" (two people picked the same appeal, or a head reassigned it meanwhile:
        the portal says so)."""
        if not rows:
            return "nothing to do"
        appeal_id = random.choice(rows)
        appeal_page = f"/backoffice/appeals/appeal/{appeal_id}/change/"
        page = self.fetch("GET", appeal_page, "appeal")
        path = f"/backoffice/appeals/appeal/{appeal_id}/act/{action}/"
        if page is None:
            return "failed"
        if path not in (page.text or ""):
            return "taken by someone else first"
        response = self.fetch("GET", path, f"{action}: form", expect=(200, 302))
        if response is None:
            return "failed"
        if response.status_code == 302:  # refused since the page was shown: back to it
            return self._outcome(action, location(response))
        form = read(response.text or "").form_with(field_name)
        if form is None:
            self.fail(f"{action}: no form with {field_name}")
            return "failed"
        if field_name in form.options and not form.options[field_name]:
            return "nothing to do"  # e.g. an agency without executors
        pdf = action == "answer" and random.random() < ATTACH_SHARE
        files = {"attachments": ("answer.pdf", PDF, "application/pdf") if pdf else ("", b"")}
        done = self.fetch("POST", path, action, expect=302, data=fill(form), files=files)
        if done is None:
            return "failed"
        return self._outcome(action, location(done))

    def _outcome(self, action: str, path: str) -> str:
        """The page after the action says it was done, or that someone acted first."""
        page = self.fetch("GET", path, "appeal after action")
        if page is None:
            return "failed"
        text = page.text or ""
        if 'class="success"' in text:
            return action
        if 'class="error"' in text:
            return "taken by someone else first"
        self.fail(f"{action}: the page says neither done nor refused")
        return "failed"


def assign_form(form: Form) -> dict[str, str]:
    return {**form.values, "executor": random.choice(form.options["executor"])}


def answer_form(form: Form) -> dict[str, str]:
    # One text for every answer: a short near copy, sent over the answer check's warnings.
    answer = {"kind": "explained", "text": "Отопление восстановлено 3 ноября."}
    return {**form.values, **answer, "override_warnings": "on"}


def register_form(form: Form) -> dict[str, str]:
    return form.values
