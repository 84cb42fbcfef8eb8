"""docs/screenshots.py, without a browser: it imports, its pages are the site's, its logins
are the demo's, and the docs show only pictures it takes."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import resolve

from appeals.demo import CITIZENS, DEMO_AGENCIES, DEMO_DOMAIN, DEMO_PASSWORD, STAFF_ROLES

ROOT = Path(__file__).resolve().parent.parent
# ![…](docs/screenshots/home-1280.png) in the README, ![…](screenshots/home-1280.png) in docs/
PICTURE = re.compile(r"\]\((?:docs/)?screenshots/([^)]+)\.png\)")


@pytest.fixture(scope="module")
def script() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs/screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["screenshots"] = module  # for its dataclass to find its module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["screenshots"]


def test_every_page_it_shoots_is_one_of_the_site(script: ModuleType) -> None:
    for shot in script.SHOTS:
        resolve(urlsplit(shot.path).path)
        if shot.follow:  # a pattern of addresses: one of them, with 1 for each number
            resolve(shot.follow.strip("^$").replace(r"\d+", "1"))


def test_it_logs_in_as_the_demo_people(script: ModuleType) -> None:
    assert script.PASSWORD == DEMO_PASSWORD
    assert script.CITIZEN in {email for email, *_ in CITIZENS}
    role, at = script.STAFF.removesuffix(f"@{DEMO_DOMAIN}").split(".", 1)
    assert (role.replace("-", "_"), at) in {
        (r.value, code) for r in STAFF_ROLES for code in DEMO_AGENCIES
    }
    assert script.LANGUAGE_COOKIE == settings.LANGUAGE_COOKIE_NAME


def test_the_docs_show_only_the_pictures_it_takes(script: ModuleType) -> None:
    taken = {f"{shot.name}-{width}" for shot in script.SHOTS for width in script.WIDTHS}
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    shown = {name for doc in docs for name in PICTURE.findall(doc.read_text())}
    assert shown, "no screenshot is shown in the docs"
    assert shown <= taken
    assert sorted(path.stem for path in (ROOT / "docs/screenshots").glob("*.png")) == sorted(taken)
