"""The access walk's rows for the status by code (/status/ and the API's status/: anyone
with the code, nobody with a wrong one) and the walk-in's receipt (nobody without the
intake's handover: tests/appeals/test_receipt.py walks the operator's own), and the status
routes for the public-PII scan (test_public_pii.py; its lookups: test_status_pii.py)."""

from __future__ import annotations

from typing import Any

from tests.appeals.status import CODE, with_code
from tests.security.access_table import api, appeal, backoffice, page, to
from tests.security.access_world import EVERYONE, NOBODY, World

NOT_FOUND = frozenset({404})


def right_code(world: World) -> dict[str, Any]:
    return {"reference": with_code(world.appeal).reference, "code": CODE}


def wrong_code(world: World) -> dict[str, Any]:
    return {"reference": with_code(world.appeal).reference, "code": "2222-2222"}


STATUS_ROWS = [
    page("status:lookup", EVERYONE),
    # A lookup reads: who holds the code sees the status, the walk's appeal by its reference.
    page("status:lookup", EVERYONE, "POST", data=right_code, sees=EVERYONE),
    page("status:lookup", NOBODY, "POST", data=wrong_code, refused_with=NOT_FOUND,
         label="wrong code"),
    api("POST /api/v1/status/", EVERYONE, url=lambda w: "/api/v1/status/", data=right_code,
        sees=EVERYONE),
    api("POST /api/v1/status/", NOBODY, url=lambda w: "/api/v1/status/", data=wrong_code,
        refused_with=NOT_FOUND, label="wrong code"),
    backoffice("backoffice:appeals_appeal_receipt", NOBODY,
               url=to("backoffice:appeals_appeal_receipt", appeal), label="not just taken in"),
]  # fmt: skip

# The page's form for the scan (GET); the API's status/ answers POST only.
STATUS_PUBLIC = {
    "status/": lambda _: ["/status/"],
    "api/v1/status/": lambda _: [],
}
