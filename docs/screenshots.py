"""The screenshots of the docs, taken from a running server with `make run`'s demo data, so
they are regenerated rather than kept by hand (docs/screenshots.md):

    .venv/bin/python docs/screenshots.py [http://127.0.0.1:8000]

writes docs/screenshots/<name>-<width>.png at 1280 and 360 px wide. No Django here: only the
server's pages, as a visitor, a demo citizen and demo staff see them.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, FloatRect, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

OUT = Path(__file__).resolve().parent / "screenshots"
WIDTHS = (1280, 360)
# The window's height, and how much of a longer page is kept.
HEIGHT, TALLEST = {1280: 860, 360: 780}, {1280: 1800, 360: 2400}
# appeals/demo.py: DEMO_PASSWORD and its logins (tests/test_docs_screenshots.py checks).
PASSWORD = "otinish-demo"  # noqa: S105 - the demo's, printed by `make run`
CITIZEN = "aigerim@otinish.test"
STAFF = "head.akimat-kz-75@otinish.test"
MODERATOR = "moderator.mki@otinish.test"  # petitions/demo.py
# petitions/demo.py's answered petition to the Almaly district: its link comes from the seed.
ANSWERED_PETITION = "/petitions/obj7YbFtxnQovWiH/"
LANGUAGE_COOKIE = "django_language"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Sends the main form with nothing filled in, past the browser's own checks.
SUBMIT_EMPTY = """() => {
    const form = document.querySelector('main form[method=post], main form[method=POST]');
    form.noValidate = true;
    [...form.querySelectorAll('[type=submit]')].pop().click();
}"""
# The address of the first link on the page whose path matches a pattern.
FIRST_LINK = """pattern => [...document.querySelectorAll('main a[href]')]
    .map(a => a.pathname).find(path => new RegExp(pattern).test(path))"""


@dataclass(frozen=True)
class Shot:
    """A picture: the page at `path` as `login` sees it (a visitor if empty); with `follow`,
    the first link there whose path matches it; with `submit_empty`, its form sent empty."""

    name: str
    path: str
    login: str = ""
    follow: str = ""
    submit_empty: bool = False


SHOTS = (
    Shot("home", "/"),
    Shot("appeal-form", "/appeals/new/", CITIZEN),
    Shot("appeal-form-errors", "/appeals/new/", CITIZEN, submit_empty=True),
    Shot("my-appeals", "/appeals/", CITIZEN),
    Shot("appeal", "/appeals/?status=answered", CITIZEN, follow=r"^/appeals/\d+/$"),
    Shot("status", "/status/"),
    Shot("rankings", "/ratings/"),
    Shot("map", "/ratings/map/"),
    Shot("receptions", "/receptions/"),
    Shot("meeting", "/receptions/?date_from=2020-01-01", follow=r"^/receptions/\d+/$"),
    Shot("reception-figures", "/receptions/figures/"),
    Shot("petitions", "/petitions/"),
    Shot("petition", ANSWERED_PETITION),
    Shot("backoffice-list", "/backoffice/appeals/appeal/?queue=unit", STAFF),
    Shot(
        "backoffice-appeal", "/backoffice/appeals/appeal/?queue=unit", STAFF,
        follow=r"^/backoffice/appeals/appeal/\d+/change/$",
    ),
    Shot("backoffice-meetings", "/backoffice/receptions/meeting/", STAFF),
    Shot("backoffice-moderation", "/backoffice/petitions/petition/moderation/", MODERATOR),
)  # fmt: skip


def visit(page: Page, address: str) -> None:
    """Opens the page, waiting out a development server restarting after a change."""
    for attempt in range(10):
        try:
            page.goto(address)
            return
        except PlaywrightError as error:
            if "ERR_CONNECTION_REFUSED" not in error.message or attempt == 9:
                raise
            page.wait_for_timeout(1000)


@contextmanager
def window(browser: Browser, url: str, width: int, login: str, language: str) -> Iterator[Page]:
    """A page of a fresh browser context at `width`, logged in as `login` if any."""
    context = browser.new_context(
        locale="ru-RU", viewport={"width": width, "height": HEIGHT[width]}
    )
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        if login:
            visit(page, url + "/accounts/login/")
            page.fill("[name=username]", login)
            page.fill("[name=password]", PASSWORD)
            with page.expect_navigation():
                page.locator("main form [type=submit]").click()
            if "/login/" in page.url:
                raise SystemExit(f"Could not log in as {login}: is the demo loaded at {url}?")
        # Set after logging in, which picks the account's language.
        context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": url}])
        yield page
    finally:
        context.close()


def take(page: Page, url: str, shot: Shot, width: int) -> Path:
    visit(page, url + shot.path)
    if shot.follow:
        found = page.evaluate(FIRST_LINK, shot.follow)
        if not found:
            raise SystemExit(f"{shot.name}: no link to {shot.follow} on {shot.path}")
        visit(page, url + found)
    if shot.submit_empty:
        with page.expect_navigation():
            page.evaluate(SUBMIT_EMPTY)
    page.wait_for_load_state("networkidle")
    height = min(page.evaluate("document.scrollingElement.scrollHeight"), TALLEST[width])
    path = OUT / f"{shot.name}-{width}.png"
    clip = FloatRect(x=0, y=0, width=width, height=height)
    page.screenshot(path=path, full_page=True, clip=clip)
    shrink(path)
    return path


def shrink(path: Path) -> None:
    """256 colours are plenty for a page of text: the picture is some 2.5 times smaller, and
    so is what each retake adds to the repository."""
    with Image.open(path) as picture:
        reduced = picture.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--language", default="ru", choices=["ru", "kk", "en"])
    args = parser.parse_args()
    url = args.url.rstrip("/")
    OUT.mkdir(exist_ok=True)
    logins = sorted({shot.login for shot in SHOTS})
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for login in logins:
            for width in WIDTHS:
                with window(browser, url, width, login, args.language) as page:
                    for shot in (shot for shot in SHOTS if shot.login == login):
                        written = take(page, url, shot, width)
                        print(written.relative_to(OUT.parent.parent))
        browser.close()


if __name__ == "__main__":
    main()
