from django.urls import path

from ratings import pages, views

app_name = "ratings"
urlpatterns = [
    path("", pages.rankings, name="rankings"),
    path("agency/<slug:code>/", pages.agency_page, name="agency"),
    path("map/", pages.problem_map, name="map"),
    path("methodology/", pages.methodology, name="methodology"),
    path("snapshots/<int:pk>.<str:extension>", pages.snapshot_export, name="snapshot_export"),
    path("appeal/<int:pk>/", views.rate, name="rate"),
    path("r/<str:token>/", views.rate_by_link, name="rate_by_link"),
]
