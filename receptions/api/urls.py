"""The API of receptions and meetings: the public calendar and the published figures."""

from __future__ import annotations

from django.urls import URLPattern, path

from receptions.api import figures, meetings

urlpatterns: list[URLPattern] = [
    path("receptions/meetings/", meetings.MeetingList.as_view(), name="api-meetings"),
    path("receptions/meetings/<int:pk>/", meetings.MeetingDetail.as_view(), name="api-meeting"),
    path("receptions/figures/", figures.LatestFigures.as_view(), name="api-reception-figures"),
    path(
        "receptions/figures/<int:pk>/",
        figures.FiguresDetail.as_view(),
        name="api-reception-figures-snapshot",
    ),
]
