"""The API of receptions and meetings: the public calendar and the published figures."""

from __future__ import annotations

from django.urls import URLPattern, path

urlpatterns: list[URLPattern] = []
