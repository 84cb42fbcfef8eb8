"""Translated messages with values, interpolated when they are shown, in the reader's language."""

from __future__ import annotations

import operator
from collections.abc import Mapping

from django.utils.functional import lazy
from django_stubs_ext import StrOrPromise, StrPromise

_interpolate = lazy(operator.mod, str)


def interpolate_lazy(message: StrOrPromise, values: Mapping[str, object]) -> StrPromise:
    """`gettext_lazy("… %(n)s …") % values` at import would fix the text in the language
    active then (the default); this waits until the text is rendered."""
    promise: StrPromise = _interpolate(message, values)
    return promise
