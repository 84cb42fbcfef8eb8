"""How the access walk's table (access_rows.py) is written: a row, and the helpers that
build one for a page, an API operation or a back-office page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import resolve, reverse

from appeals.models import Appeal
from tests.security.access_world import World

Status = Appeal.Status

URL = Callable[[World], str]


@dataclass(frozen=True)
class Row:
    key: str  # the pattern's URL name, or its route when it has none
    url: URL
    allowed: frozenset[str]
    method: str = "GET"
    site: str = "main"  # main | api | backoffice | admin: how it turns visitors away
    status: str = Status.REGISTERED  # of the appeal the URL names
    data: Callable[[World], dict[str, Any]] | None = None
    effect: Callable[[World], object] | None = None
    writes: bool = True  # an allowed request changes `effect` (else: nobody changes it)
    sees: frozenset[str] | None = None  # a list: who finds the citizen's appeal in it
    lands: URL | None = None  # where an allowed redirect goes (a regex of the path)
    refused_with: frozenset[int] = frozenset()  # instead of the site's usual refusal (bad links)
    admitted_only: bool = False  # the admin's models: walked for the site's gate only
    fresh: bool = False  # every role needs a world of its own (one-time links)
    operation: str = ""  # "METHOD /path" of the OpenAPI schema
    label: str = ""


def to(name: str, *args: Callable[[World], object], then: str = "") -> URL:
    """The URL of a named pattern, its arguments taken from the world."""
    return lambda w: reverse(name, args=[arg(w) for arg in args]) + then


def appeal(world: World) -> int:
    return world.appeal.pk


def constant(value: str) -> Callable[[World], str]:
    return lambda w: value


def page(key: str, allowed: frozenset[str], method: str = "GET", **options: Any) -> Row:
    """A page whose URL needs nothing but its name."""
    options.setdefault("url", to(key))
    return Row(key, allowed=allowed, method=method, **options)


def api(operation: str, allowed: frozenset[str], **options: Any) -> Row:
    """A row for one operation of the schema; `{id}` is the citizen's appeal."""
    method, path = operation.split(" ")
    key = resolve(path.format(id=1, token_key="x", question_id=1)).view_name
    options.setdefault("url", lambda w: path.format(id=w.appeal.pk))
    return Row(key, allowed=allowed, method=method, site="api", operation=operation, **options)


def backoffice(key: str, allowed: frozenset[str], method: str = "GET", **options: Any) -> Row:
    return page(key, allowed, method, site="backoffice", **options)
