"""The walk of tests/e2e/test_every_page.py: each role's pages in one browser context per
width, each page checked with axe, for console errors, blocked or failed loads and sideways
scrolling, every problem kept (not the first raised) for one report grouped by page."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Request,
    Response,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import (
    CHROMIUM_ARGS,
    CHROMIUM_DEFAULT_PATH,
    DEFAULT_TIMEOUT_MS,
    blocking_violations,
)

HEIGHT = 900
# Axe's defaults, and WCAG 2.2's target size (24 px, or spaced as far), off by default.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
# The outermost elements wider than the window: what makes a page scroll sideways.
OVERFLOWING = """() => [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1
        && !(e.parentElement.getBoundingClientRect().right > innerWidth + 1))
    .slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + [...e.classList].map(c => '.' + c).join(''))"""
# Fills the main form's fields with nothing and sends it with its last button, past the
# browser's own checks: the page after it shows the form's errors.
SUBMIT_EMPTY = """() => {
    const form = document.querySelector('main form[method=post], main form[method=POST]');
    form.noValidate = true;
    [...form.querySelectorAll('[type=submit]')].pop().click();
}"""


@dataclass(frozen=True)
class Stop:
    """A page of the walk: its path, and a label telling its state; `then`, done once it is
    loaded, leads to the page to check (a form sent); `status`, what the checked document
    answers; `ready`, a selector shown once a page drawn by script is ready; `language`, the
    one it is asked in; `axe_skips`, a selector of what axe leaves out for its time;
    `sends_on`, whether it redirects (and the page it leads to is checked)."""

    path: str
    label: str = ""
    status: int = 200
    ready: str = ""
    then: Callable[[Page], None] | None = None
    language: str = "ru"
    axe_skips: str = ""
    sends_on: bool = False

    @property
    def name(self) -> str:
        shown = f"{self.path} ({self.label})" if self.label else self.path
        return shown if self.language == "ru" else f"{shown} [{self.language}]"


def _short(violation: str) -> str:
    """An axe violation on indented lines, each cut to a readable length."""
    return "\n    ".join(
        line if len(line) < 300 else line[:300] + " …" for line in violation.split("\n")
    )


def submit_empty(page: Page) -> None:
    with page.expect_navigation():
        page.evaluate(SUBMIT_EMPTY)


@dataclass
class Watch:
    """What a page reported while it was walked: console errors, CSP reports, failed loads."""

    document_status: int = 0
    problems: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        # A document answering 404 on purpose logs "Failed to load resource"; the failed
        # subresources are caught, with their address, by `response` and `failed`.
        if "Content Security Policy" in message.text:
            self.problems.append(f"blocked by the CSP: {message.text}")
        elif message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error: {message.text}")

    def response(self, response: Response) -> None:
        request = response.request
        if request.resource_type == "document" and request.frame.parent_frame is None:
            self.document_status = response.status
        elif response.status >= 400:
            self.problems.append(f"{response.status} for {request.resource_type} {request.url}")

    def failed(self, request: Request) -> None:
        # Aborted: the walk's own next step (a submit, a new page) cut a load short, as
        # the favicon after an empty submit once was. A missing file answers 404, above.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(
                f"failed: {request.resource_type} {request.url} ({request.failure})"
            )

    def page_error(self, error: Exception) -> None:
        self.problems.append(f"script error: {error}")


@dataclass(frozen=True)
class Role:
    """Who walks: a name for the report, the pages, and the session cookie of a login."""

    name: str
    stops: list[Stop]
    session: str = ""


class Walk:
    """One width's walk of roles' pages against a live server, every problem kept."""

    def __init__(self, base_url: str, width: int) -> None:
        self.base_url, self.width, self.axe = base_url, width, Axe()
        self.failures: defaultdict[str, list[str]] = defaultdict(list)
        self.checked = 0

    def run(self, browser: Browser, roles: list[Role]) -> None:
        """Every role's stops, in one browser context per role."""
        for role in roles:
            with self._page(browser, role.session) as (page, watch):
                for stop in role.stops:
                    self._check(page, watch, stop, f"{role.name}, {self.width}")

    @contextmanager
    def _page(self, browser: Browser, session: str) -> Iterator[tuple[Page, Watch]]:
        viewport = ViewportSize(width=self.width, height=HEIGHT)
        context = browser.new_context(locale="ru-RU", viewport=viewport)
        try:
            if session:
                name, url = settings.SESSION_COOKIE_NAME, self.base_url
                context.add_cookies([{"name": name, "value": session, "url": url}])
            page, watch = context.new_page(), Watch()
            page.set_default_timeout(DEFAULT_TIMEOUT_MS)
            page.on("console", watch.console)
            page.on("response", watch.response)
            page.on("requestfailed", watch.failed)
            page.on("pageerror", watch.page_error)
            yield page, watch
        finally:
            context.close()

    def _check(self, page: Page, watch: Watch, stop: Stop, who: str) -> None:
        self.checked += 1
        watch.problems.clear()
        name, url = settings.LANGUAGE_COOKIE_NAME, self.base_url
        page.context.add_cookies([{"name": name, "value": stop.language, "url": url}])
        found = self._visit(page, watch, stop)
        found += watch.problems
        self.failures[stop.name] += [f"[{who}] {problem}" for problem in found]

    def _visit(self, page: Page, watch: Watch, stop: Stop) -> list[str]:
        """The page's own problems: its status, axe's verdict, its width."""
        try:
            page.goto(self.base_url + stop.path)
            moved = urlsplit(page.url).path != urlsplit(stop.path).path
            if moved and not stop.sends_on:  # to log in, say
                return [f"sent on to {page.url}"]
            if stop.ready:
                page.wait_for_selector(stop.ready)
            if stop.then is not None:
                stop.then(page)
        except PlaywrightError as error:  # told in the report, with the rest
            return [f"could not be walked: {error}"]
        found = []
        if watch.document_status != stop.status:
            found.append(f"answered {watch.document_status}, not {stop.status}")
        context = {"exclude": [[stop.axe_skips]]} if stop.axe_skips else None
        violations = blocking_violations(self.axe, page, context=context, options=AXE_OPTIONS)
        found += [_short(violation) for violation in violations]
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > self.width:
            widest = ", ".join(page.evaluate(OVERFLOWING))
            found.append(f"scrolls sideways: {width} px wide (too wide: {widest or '?'})")
        return found


def _in_a_browser_of_its_own(walk: Walk, roles: list[Role]) -> None:
    """A thread's walk: Playwright's objects belong to the thread that made them."""
    executable = os.environ.get("CHROMIUM_PATH", CHROMIUM_DEFAULT_PATH)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            walk.run(browser, roles)
        finally:
            browser.close()


def walk_every_width(browser: Browser, base_url: str, roles: list[Role]) -> str:
    """Walks the roles' pages at 1280 px in `browser` and, at the same time, at 360 px in a
    thread: the report of every problem found, grouped by page ("" if none)."""
    wide, narrow = Walk(base_url, 1280), Walk(base_url, 360)
    with ThreadPoolExecutor(max_workers=1) as pool:
        narrow_done = pool.submit(_in_a_browser_of_its_own, narrow, roles)
        wide.run(browser, roles)
        narrow_done.result()
    failed: dict[str, list[str]] = {}
    for walk in (wide, narrow):
        for name, lines in walk.failures.items():
            failed.setdefault(name, []).extend(lines)
    failed = {name: lines for name, lines in failed.items() if lines}
    if not failed:
        return ""
    count, checked = sum(map(len, failed.values())), wide.checked + narrow.checked
    head = f"{count} problem(s) on {len(failed)} page(s), of {checked} checked:"
    return "\n".join([head, *(f"\n{name}\n  " + "\n  ".join(failed[name]) for name in failed)])
