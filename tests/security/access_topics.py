"""The access walk's rows for the topic proposed from the text (appeals/topics/): the form's
endpoint for signed-in people (its script posts with the form's CSRF token), the API's for
anyone, like the routing proposal. Neither writes anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.security.access_table import api, page
from tests.security.access_world import EVERYONE, LOGGED_IN, World


def typed(world: World) -> dict[str, Any]:
    return {"text": "В доме нет отопления, батареи холодные", "region": world.appeal.region_id}


def typed_api(world: World) -> dict[str, Any]:
    return {"text": "Үйде жылу жоқ, батареялар суық", "region": "KZ-75"}


TOPIC_ROWS = [
    page("appeals:propose_topic", LOGGED_IN, "POST", data=typed),
    api("POST /api/v1/topics/proposal/", EVERYONE, url=lambda w: "/api/v1/topics/proposal/",
        data=typed_api),
]  # fmt: skip

# For the public-PII scan (test_public_pii.py): the API's proposal answers POST only, and the
# form's needs a signed-in person.
TOPICS_PUBLIC: dict[str, Callable[[Any], list[str]]] = {"api/v1/topics/proposal/": lambda _: []}
TOPICS_PRIVATE = ["appeals/topics/"]
