"""Playwright browser tests against pytest-django's live server, driving Debian's chromium.

Never run `playwright install` here: the browser is the system one (`apt-get install chromium`),
its path overridable with CHROMIUM_PATH. Outside CI a missing browser skips these tests;
with CI set it fails them, so CI never passes without running them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_DEFAULT_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these Chromium keeps calling home and floods the closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_TIMEOUT_MS = 10_000
# Axe impacts that fail a test; "minor" and "moderate" are left to review.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

AxeCheck = Callable[[Page], None]


# Package scope, not session: pytest-django runs these (transactional) tests after the
# ordinary database tests but before the tests without a database, and neither the running
# Playwright loop nor DJANGO_ALLOW_ASYNC_UNSAFE may outlive them (subprocesses inherit the
# variable; `manage.py check --deploy` rejects it as async.E001).
@pytest.fixture(scope="package", autouse=True)
def _allow_async_unsafe() -> Iterator[None]:
    """Sync Playwright keeps an event loop running in the test thread, which makes Django
    refuse database access there (the transactional flush after each test included)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_allow_async_unsafe: None) -> Iterator[Browser]:
    executable = os.environ.get("CHROMIUM_PATH", CHROMIUM_DEFAULT_PATH)
    if not Path(executable).is_file():
        reason = (
            f"Chromium not found at {executable}: install Debian's chromium "
            "(apt-get install chromium) or set CHROMIUM_PATH"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the browser tests", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    try:
        new_page = context.new_page()
        new_page.set_default_timeout(DEFAULT_TIMEOUT_MS)
        # A script the Content-Security-Policy blocks is a bug of ours: fail the test.
        # (Blocked loads from other sites are the policy working: nothing leaves the site.)
        new_page.on(
            "console",
            lambda message: (
                blocked.append(message.text)
                if "Content Security Policy" in message.text and "script" in message.text.lower()
                else None
            ),
        )
        yield new_page
    finally:
        context.close()
    assert blocked == [], f"the Content-Security-Policy blocked: {blocked}"


def _format_violation(violation: dict[str, object]) -> str:
    nodes = violation.get("nodes")
    targets = [
        " ".join(str(part) for part in node.get("target", []))
        for node in (nodes if isinstance(nodes, list) else [])
        if isinstance(node, dict)
    ]
    return (
        f"- {violation.get('id')} ({violation.get('impact')}): {violation.get('help')}\n"
        f"  elements: {', '.join(targets) or '?'}"
    )


def blocking_violations(axe: Axe, page: Page, **run: Any) -> list[str]:
    """The serious and critical axe-core violations on the page, each described; `run`:
    Axe.run's context and options."""
    violations: list[dict[str, object]] = axe.run(page, **run).response["violations"]
    return [_format_violation(v) for v in violations if v.get("impact") in BLOCKING_IMPACTS]


@pytest.fixture
def axe_check() -> AxeCheck:
    """`axe_check(page)` fails on any serious or critical axe-core violation on the page."""
    axe = Axe()

    def check(page: Page) -> None:
        blocking = blocking_violations(axe, page)
        message = f"axe found {len(blocking)} serious/critical violation(s) on {page.url}:\n"
        assert len(blocking) == 0, message + "\n".join(blocking)

    return check
