"""The API of petitions: read-only and public."""

from __future__ import annotations

from django.urls import URLPattern, path

from petitions.api import figures, petitions

urlpatterns: list[URLPattern] = [
    path("petitions/", petitions.PetitionList.as_view(), name="api-petitions"),
    # Before a petition's slug, which would take the word.
    path("petitions/figures/", figures.PetitionFigures.as_view(), name="api-petition-figures"),
    path("petitions/<slug:slug>/", petitions.PetitionDetail.as_view(), name="api-petition"),
]
