"""The OpenAPI schema's operations, each with the errors it may answer in the one shape."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

from core.api import ErrorSerializer

# Any operation: invalid input, no or a bad token, no right, nothing there, a format the
# client cannot take, too many requests. Writes also: the state moved on (conflict), a
# body too large, a media type not read, a replayed key with another body.
READ_ERRORS = ("400", "401", "403", "404", "406", "429")
WRITE_ERRORS = (*READ_ERRORS, "409", "413", "415", "422")


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        codes = READ_ERRORS if self.method in ("GET", "HEAD", "OPTIONS") else WRITE_ERRORS
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
        return responses
