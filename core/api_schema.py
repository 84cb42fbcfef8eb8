"""The OpenAPI schema's operations, each with the errors it may answer in the one shape."""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers

from core.api import ErrorSerializer
from core.api_fields import NO_NUL, NON_BLANK, Text

# Any operation: invalid input, no or a bad token, no right, nothing there, a format the
# client cannot take, too many requests. Writes also: the state moved on (conflict), a
# body too large, a media type not read, a replayed key with another body.
READ_ERRORS = ("400", "401", "403", "404", "406", "429")
WRITE_ERRORS = (*READ_ERRORS, "409", "413", "415", "422")


class AutoSchema(SpectacularAutoSchema):
    def _map_serializer_field(
        self, field: Any, direction: Any, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer_field(field, direction, bypass_extensions)
        plain_text = not {"pattern", "format", "enum", "$ref", "allOf"} & set(schema)
        if isinstance(field, serializers.RegexField):  # spectacular leaves its pattern out
            regex = next(v.regex for v in field.validators if isinstance(v, RegexValidator))
            schema["pattern"] = getattr(regex, "pattern", regex)
        elif isinstance(field, serializers.CharField) and plain_text and direction == "request":
            required = isinstance(field, Text) and not field.allow_blank
            schema["pattern"] = NON_BLANK if required else NO_NUL
        return schema

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        codes = READ_ERRORS if self.method in ("GET", "HEAD", "OPTIONS") else WRITE_ERRORS
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
        return responses
