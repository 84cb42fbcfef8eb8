"""Every operation of the OpenAPI schema, fuzzed in-process with generated data.

As an anonymous visitor, a citizen and a staff member: no 5xx, every response matches
the schema, and nobody ever receives another citizen's appeal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, seed, settings

from appeals.models import Appeal
from tests.conftest import People, submit_appeal
from tests.factories import api_token


def _schema() -> Any:
    from portal.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/schema/", application)


schema = _schema()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    # Requests run inside the test's transaction; Django's handler would close the
    # connection after each one (its test client does the same disconnecting).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Cast:
    """The people the fuzzer acts as, and the appeal none but its applicant may read."""

    def __init__(self, people: People) -> None:
        self.private = submit_appeal(people.other_citizen, people.other_agency)
        submit_appeal(people.citizen, people.agency)
        self.headers = {
            "anonymous": {},
            "citizen": self._auth(people.citizen),
            "staff": self._auth(people.head),
        }

    @staticmethod
    def _auth(user: Any) -> dict[str, str]:
        return {"Authorization": f"Token {api_token(user)}"}


@pytest.fixture
def cast(people: People) -> Cast:
    return Cast(people)


def no_foreign_appeal(private: Appeal) -> Any:
    """A check: the private appeal (another citizen's, another agency's) never leaks."""

    def check(ctx: Any, response: Any, case: Any) -> bool:
        if 200 <= response.status_code < 300 and private.reference in response.text:
            raise AssertionError(f"{case.method} {case.path} revealed {private.reference}")
        return True

    return check


@pytest.mark.django_db
@schema.parametrize()
@seed(2026)
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,  # the same examples on every machine, nothing remembered between runs
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_as_every_role(case: Any, cast: Cast) -> None:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance

    checks = [not_a_server_error, response_schema_conformance, no_foreign_appeal(cast.private)]
    for headers in cast.headers.values():
        case.call_and_validate(headers={**(case.headers or {}), **headers}, checks=checks)
