"""The API's filters: a parameter given must say something."""

from __future__ import annotations

import re
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.ids import query_id

CODE_PATTERN = r"^[-a-zA-Z0-9_]+$"


class WholeNumberField(forms.IntegerField):
    """Digits (and a sign), as a JSON schema's integer: not "0.0", which Django's takes."""

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not re.fullmatch(r"-?\d+", str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """An id: any whole number is a fair question, and one beyond any id finds nothing."""

    field_class = WholeNumberField

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value is None:
            return qs
        if query_id(str(value)) is None:
            return qs.none()
        return super().filter(qs, value)


@extend_schema_field({"type": "string", "pattern": CODE_PATTERN})
class CodeFilter(django_filters.Filter):
    """A code (a region's "KZ-75", a topic's "housing-heating"): letters, digits, dashes,
    checked with the schema's own pattern, as given (not stripped of spaces)."""

    field_class = forms.RegexField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, regex=CODE_PATTERN, strip=False, **kwargs)


class StrictFilterSet(django_filters.FilterSet):
    """django-filter's, refusing a value given empty ("?scope=") and a yes/no other than true
    or false, which it would read as no filter at all: the schema says what values each
    takes."""

    def is_valid(self) -> bool:
        valid: bool = super().is_valid()
        for name, given in self.filters.items():
            if name not in self.data:
                continue
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data[name]]
            if isinstance(given, django_filters.BooleanFilter):
                wrong = any(value not in ("true", "false") for value in values)
            else:
                wrong = "" in values
            if wrong:
                self.form.add_error(name, _("Give a value the schema names, or leave it out."))
                valid = False
        return valid
