"""The public calendar, booking and the citizen's own receptions (/receptions/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from receptions.views import booking, calendar, rating
from receptions.views import figures as figure_views

app_name = "receptions"

urlpatterns: list[URLPattern] = [
    # The public calendar, its feed and a meeting's page; booking and the citizen's own.
    path("", calendar.calendar, name="calendar"),
    path("calendar.ics", calendar.ical_feed, name="ical"),
    path("<int:pk>/", calendar.meeting_page, name="meeting"),
    path("<int:pk>/book/", booking.book, name="book"),
    path("mine/", booking.mine, name="mine"),
    path("bookings/<int:pk>/cancel/", booking.cancel, name="cancel"),
    path("bookings/files/<int:pk>/", booking.booking_file, name="booking_file"),
    # The citizen rates the outcome of his question.
    path("questions/<int:pk>/rate/", rating.rate, name="rate"),
    # The same from the notice's link, for a citizen without a login.
    path("questions/rate/<str:token>/", rating.rate_by_link, name="rate_by_link"),
    # The published figures, their exports and how they are counted.
    path("figures/", figure_views.figures, name="figures"),
    path("figures/<int:pk>.<str:extension>", figure_views.figures_export, name="figures_export"),
    path("methodology/", figure_views.methodology, name="methodology"),
]
