"""Every URL of the site and every API operation, walked as every role (access_rows).

Allowed: 2xx, or 3xx to the row's landing place, never to a login page and with no error
message; a POST changes what it should; a list shows the citizen's appeal exactly to the
roles that may see it. Refused: a visitor the site does not admit goes to its login page
(the API: 401); anyone else gets 403 or 404, and a refused POST changes nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from django.contrib import messages
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

from tests.security.access_rows import (
    EXCLUDED,
    ROWS,
    Row,
)
from tests.security.access_world import (
    ADMITS,
    ANONYMOUS,
    EVERYONE,
    LOGIN,
    ROLES,
    Cast,
    World,
)

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


# --- Completeness --------------------------------------------------------------------------


def pattern_keys(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> list[str]:
    """Every pattern of the resolver, through every include: its name, or its route."""
    keys = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            keys += pattern_keys(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            named = pattern.name and ":".join(filter(None, [namespace, pattern.name]))
            keys.append(named or route)
    return keys


def schema_operations() -> list[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    methods = {"get", "put", "post", "patch", "delete"}
    return [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in methods
    ]


def test_every_url_pattern_has_a_row() -> None:
    covered = {row.key for row in ROWS} | set(EXCLUDED)
    missing = [key for key in pattern_keys() if key not in covered]
    assert not missing, "URL patterns with no row in the access table: " + ", ".join(missing)
    stale = covered - set(pattern_keys())
    assert not stale, "Rows for URL patterns that no longer exist: " + ", ".join(sorted(stale))


def test_every_api_operation_has_a_row() -> None:
    operations = schema_operations()
    missing = [op for op in operations if op not in {row.operation for row in ROWS}]
    assert not missing, "API operations with no row in the access table: " + ", ".join(missing)
    stale = {row.operation for row in ROWS if row.operation} - set(operations)
    assert not stale, "Rows for API operations that no longer exist: " + ", ".join(sorted(stale))


# --- The walk --------------------------------------------------------------------------------


def _location(response: Response) -> str:
    return urlsplit(response.get("Location", "")).path


def _complaints(response: Response) -> list[str]:
    """Error and warning messages the response queued for the person."""
    storage = getattr(response.wsgi_request, "_messages", None)
    return [str(m) for m in storage or [] if m.level >= messages.WARNING]


def _body(response: Response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")  # type: ignore[attr-defined]
    return response.content.decode(errors="replace")


def _allowed_problem(
    row: Row, role: str, response: Response, world: World, changed: bool
) -> str | None:
    code, where = response.status_code, _location(response)
    sent_to_login = 300 <= code < 400 and where in LOGIN.values()
    if row.admitted_only:
        return None if not sent_to_login and code < 500 else "the site did not admit them"
    if 300 <= code < 400:
        if sent_to_login or row.lands is None or not re.fullmatch(row.lands(world), where):
            return f"redirected to {where!r}"
    elif not 200 <= code < 300:
        return f"got {code}"
    if _complaints(response):
        return f"was told {_complaints(response)}"
    if row.effect is not None and changed != row.writes:
        return "the action changed nothing" if row.writes else "it changed the appeal"
    if row.sees is not None and (world.appeal.reference in _body(response)) != (role in row.sees):
        return (
            "sees the citizen's appeal"
            if role not in row.sees
            else "does not see the citizen's appeal"
        )
    return None


def _refused_problem(row: Row, role: str, response: Response) -> str | None:
    code, where = response.status_code, _location(response)
    if row.refused_with:
        return None if code in row.refused_with else f"got {code} {where}"
    if row.site == "api":
        expected = {401} if role == ANONYMOUS else {403, 404}
        if code not in expected or "error" not in response.json():
            return f"got {code} {response.content[:200]!r}"
        return None
    turned_away = role == ANONYMOUS or role not in ADMITS.get(row.site, EVERYONE)
    if turned_away:
        return (
            None
            if code == 302 and where == LOGIN[row.site]
            else f"got {code} {where}, not the login page"
        )
    if code in (403, 404):
        return None
    # The back-office sends staff back to where they were, saying why.
    sent_back = code == 302 and where.startswith("/backoffice/") and _complaints(response)
    return None if row.site == "backoffice" and sent_back else f"got {code} {where}"


def visit(row: Row, role: str, world: World, cast: Cast) -> str | None:
    """What is wrong with `role`'s answer at this row, or None."""
    client = cast.client(role, api=row.site == "api")
    url = row.url(world)
    data = row.data(world) if row.data else {}
    before = row.effect(world) if row.effect else None
    if row.sees is not None:
        world.appeal  # noqa: B018 - made before the list is asked for
    if row.method == "GET":
        response = client.get(url)
    elif row.method == "DELETE":
        response = client.delete(url)
    elif row.site == "api":
        response = client.post(url, data, format="json")
    else:
        response = client.post(url, data)
    # Not response.close(): its "request finished" signal would close the test's connection.
    changed = row.effect is not None and row.effect(world) != before
    if role in row.allowed:
        return _allowed_problem(row, role, response, world, changed)
    if changed:
        return "a refused request changed something"
    return _refused_problem(row, role, response)


def row_id(row: Row) -> str:
    return " ".join(filter(None, [row.method, row.operation.split(" ")[-1] or row.key, row.label]))


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_each_role_is_allowed_or_refused(cast: Cast, row: Row) -> None:
    shared = World(cast, row.status)
    problems = []
    for role in ROLES:
        # An allowed POST changes its world, and a one-time link works once: a new one each.
        writing = row.method in ("POST", "DELETE")
        own = row.fresh or (row.writes and writing and role in row.allowed)
        world = World(cast, row.status) if own else shared
        problem = visit(row, role, world, cast)
        if problem is not None:
            verdict = "allowed" if role in row.allowed else "refused"
            problems.append(f"{role} (should be {verdict}): {problem}")
    assert not problems, f"{row.method} {row.url(shared)}\n" + "\n".join(problems)
