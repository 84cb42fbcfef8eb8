"""The refusal every app raises when a person may not do something now."""

from __future__ import annotations

from typing import Any


class ActionRefused(Exception):
    """A person may not take this step now; the message says why, in their language.

    `forbidden` tells a refusal of the person (their role) from one of the moment (the
    object's state): the API answers 403 for the first and 409 for the second.
    """

    # The API's error code and status when a refusal needs its own (else forbidden/conflict).
    api_code = ""
    api_status = 0

    def __init__(self, message: str, *, forbidden: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.forbidden = forbidden

    def api_details(self) -> dict[str, Any]:
        """More members of the API's error object, for a refusal that carries more."""
        return {}


class KeyReused(ActionRefused):
    """A one-time key (an Idempotency-Key, a form's hidden key) sent again with other content:
    the first request stands, and this one is refused rather than silently dropped. The API
    answers 422."""
