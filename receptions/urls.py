"""The public calendar, booking and the citizen's own receptions (/receptions/)."""

from __future__ import annotations

from django.urls import URLPattern, path

app_name = "receptions"

urlpatterns: list[URLPattern] = []
