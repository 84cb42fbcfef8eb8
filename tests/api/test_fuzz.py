"""Every operation of the OpenAPI schema, fuzzed in-process with generated data.

As an anonymous visitor, a citizen and a staff member, with every check schemathesis has
(no 5xx; status codes, headers and bodies as the schema says; data the schema allows is
accepted and data it forbids is refused), and ours: nobody ever receives another
citizen's appeal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, seed, settings
from schemathesis.checks import CHECKS, load_all_checks

from appeals.models import Appeal
from tests.api import schemathesis_hooks  # noqa: F401 - the files it may attach
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
        self.people = {"anonymous": None, "citizen": people.citizen, "staff": people.head}

    def headers(self) -> Iterator[dict[str, str]]:
        """Each role's headers, with a new token each time: a case may log out."""
        for user in self.people.values():
            yield {} if user is None else {"Authorization": f"Token {api_token(user)}"}


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
    load_all_checks()
    checks = [*CHECKS.get_all(), no_foreign_appeal(cast.private)]
    for headers in cast.headers():
        case.call_and_validate(headers={**(case.headers or {}), **headers}, checks=checks)
