"""API fields whose answers the schema can promise: a reference that names nothing is a 404
(the request was well formed), a yes/no sent as a form field is never guessed, and files
travel only in a multipart body, which the schema says for each media type."""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.fields import empty
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.utils import html

from core.api_policies import JSONParser
from core.ids import query_id

S = TypeVar("S", bound=serializers.Serializer[Any])


# Text may hold anything but NUL (PostgreSQL cannot store it; DRF refuses it); required
# text, something other than white space. The schema says the same (core.api_schema).
NO_NUL = r"^[^\x00]*$"
NON_BLANK = r"^[^\x00]*[^\s\x00][^\x00]*$"


def _in_json(field: serializers.Field[Any, Any, Any, Any]) -> bool:
    """Whether the field's value came in a JSON body, which has types, rather than a form,
    where everything is text: in JSON a number, a yes/no and text are each only that."""
    return not html.is_html_input(getattr(field.root, "initial_data", None))


class Whole(serializers.IntegerField):
    """A whole number: in JSON, not "5", 5.0 or true."""

    def to_internal_value(self, data: Any) -> Any:
        if _in_json(self) and (isinstance(data, bool) or not isinstance(data, int)):
            self.fail("invalid")
        return super().to_internal_value(data)


class Text(serializers.CharField):
    """Text kept as sent, not trimmed, so the schema's lengths are the ones checked; when
    required, it must say something (not only spaces)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)
        if not self.allow_blank:
            message = _("Write something here, not only spaces.")
            self.validators.append(RegexValidator(NON_BLANK, message=message, code="blank"))

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):  # DRF's would take 0 or 1.5 as text
            self.fail("invalid")
        return super().to_internal_value(data)


# The code of a field's error when it names nothing (or nothing this person may use): a
# request whose only errors are these was well formed, and answers 404 (core.api).
UNKNOWN = "unknown_reference"


def _names_nothing(name: str) -> ErrorDetail:
    return ErrorDetail(_("“%(field)s” names nothing you may use.") % {"field": name}, UNKNOWN)


def unknown_reference(name: str) -> serializers.ValidationError:
    """For a view reading a parameter itself: the one field names nothing."""
    return serializers.ValidationError({name: [_names_nothing(name)]})


def _unknown(field: serializers.Field[Any, Any, Any, Any]) -> serializers.ValidationError:
    return serializers.ValidationError(_names_nothing(field.field_name or ""))


class Reference(serializers.PrimaryKeyRelatedField):
    """An id: not a whole number is invalid (400); one that names nothing, 404. Where it may
    be null, a form's "null" is (a form field has no other way to say it)."""

    def run_validation(self, data: Any = empty) -> Any:
        if self.allow_null and data == "null":
            data = None
        return super().run_validation(data)

    def to_internal_value(self, data: Any) -> Any:
        if _in_json(self) and (isinstance(data, bool) or not isinstance(data, int)):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, bool) or query_id(data) is None:
            if isinstance(data, int | str) and re.fullmatch(r"-?\d+", str(data)):
                raise _unknown(self)  # a whole number beyond any id
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            raise _unknown(self) from None


class CodeReference(serializers.SlugRelatedField):
    """A code (a region's, a category's …): any text is a fair question, and text that
    names nothing is a 404. With `held`, an object with `get(**lookup)` (agencies.held),
    the row is found there rather than read from the queryset each time."""

    def __init__(self, *, held: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.held = held

    def run_validation(self, data: Any = empty) -> Any:
        if data == "":  # DRF would read it as null: for a code, it names nothing
            raise _unknown(self)
        return super().run_validation(data)

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid")
        if "\x00" in data:  # PostgreSQL cannot even compare it
            raise _unknown(self)
        if self.held is not None:
            row = self.held.get(**{self.slug_field: data})
            if row is None:
                raise _unknown(self)
            return row
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            raise _unknown(self) from None


def only_unknown_references(detail: Any) -> bool:
    """Whether every error in a validation's detail is a reference naming nothing."""
    if isinstance(detail, dict):
        return bool(detail) and all(only_unknown_references(v) for v in detail.values())
    if isinstance(detail, list):
        return bool(detail) and all(only_unknown_references(v) for v in detail)
    return getattr(detail, "code", None) == UNKNOWN


class Flag(serializers.BooleanField):
    """A required yes/no: missing from a form it is missing, not "no" (DRF reads an absent
    checkbox as False); in JSON, true or false, not "yes" or 1."""

    default_empty_html = empty

    def to_internal_value(self, data: Any) -> Any:
        if _in_json(self) and not isinstance(data, bool):
            self.fail("invalid", input=data)
        return super().to_internal_value(data)


@extend_schema_field({"type": "boolean", "enum": [True]})
class Consent(Flag):
    """A consent: only true is an answer (the schema says so)."""


def _carries_files(field: serializers.Field[Any, Any, Any, Any]) -> bool:
    return isinstance(field, serializers.FileField) or isinstance(
        getattr(field, "child", None), serializers.FileField
    )


_WITHOUT_FILES: dict[type[Any], type[Any]] = {}


def without_files(serializer: type[S]) -> type[S]:
    """The same request without its file fields: the body a JSON request can carry. A file
    field sent in one anyway is refused, not dropped."""
    if not carries_files(serializer):
        return serializer
    if serializer in _WITHOUT_FILES:  # one class each: the schema names it once
        return _WITHOUT_FILES[serializer]

    class WithoutFiles(serializer):  # type: ignore[valid-type,misc]
        def get_fields(self) -> dict[str, Any]:
            fields = super().get_fields()
            self.file_fields = [name for name, field in fields.items() if _carries_files(field)]
            return {name: f for name, f in fields.items() if name not in self.file_fields}

        def to_internal_value(self, data: Any) -> Any:
            self.fields  # noqa: B018 - builds file_fields
            sent = [n for n in self.file_fields if isinstance(data, Mapping) and n in data]
            if sent:
                message = _("Files are sent in a multipart/form-data body.")
                raise serializers.ValidationError({name: [message] for name in sent})
            return super().to_internal_value(data)

    WithoutFiles.__name__ = serializer.__name__.removesuffix("Serializer") + "WithoutFiles"
    WithoutFiles.__qualname__ = WithoutFiles.__name__
    _WITHOUT_FILES[serializer] = WithoutFiles
    return WithoutFiles


@functools.cache  # a class's fields are fixed; asked on every request of its views
def carries_files(serializer: type[S]) -> bool:
    return any(_carries_files(field) for field in serializer().fields.values())


def by_media_type(serializer: type[S]) -> dict[str, type[S]]:
    """A request's schema for each body it may come in: JSON, and multipart where files
    may be attached (see parsers_for)."""
    if not carries_files(serializer):
        return {"application/json": serializer}
    return {"application/json": without_files(serializer), "multipart/form-data": serializer}


def parsers_for(serializer: type[S]) -> list[type[BaseParser]]:
    """The bodies a view reads, as by_media_type documents them: others are a 415."""
    if not carries_files(serializer):
        return [JSONParser]
    return [JSONParser, MultiPartParser]


def for_body(request: Request, serializer: type[S]) -> type[S]:
    """The serializer for this request's body (see by_media_type)."""
    if request.content_type.startswith("multipart/form-data"):
        return serializer
    return without_files(serializer)


class KeptModelFields:
    """A ModelSerializer whose fields are built from its model once per class, then copied
    for each instance: building them reads the model's every field each time, most of a
    small reply's cost. Only for serializers whose fields do not depend on the request or
    the instance."""

    def get_fields(self) -> dict[str, Any]:
        kept: dict[str, Any] | None = type(self).__dict__.get("_kept_fields")
        if kept is None:
            kept = super().get_fields()  # type: ignore[misc]
            type(self)._kept_fields = kept  # type: ignore[attr-defined]
        return {name: _copied(field) for name, field in kept.items()}


class CopiedFields:
    """A Serializer whose declared fields are copied for each instance as KeptModelFields
    copies its kept ones, instead of DRF's building each again from its arguments."""

    _declared_fields: dict[str, Any]

    def get_fields(self) -> dict[str, Any]:
        return {name: _copied(field) for name, field in self._declared_fields.items()}


def _copied(field: serializers.Field[Any, Any, Any, Any]) -> Any:
    """A kept field for one serializer. DRF copies a field by building it again from its
    arguments; a field that holds no other field is copied as it stands instead (binding
    it sets its own attributes only), at a fraction of the cost."""
    holds_fields = isinstance(field, serializers.BaseSerializer) or any(
        hasattr(field, holder) for holder in ("child", "child_relation")
    )
    return copy.deepcopy(field) if holds_fields else copy.copy(field)
