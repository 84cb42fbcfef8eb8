from django.urls import path

from ratings import views

app_name = "ratings"
urlpatterns = [
    path("", views.rankings, name="rankings"),
    path("agency/<slug:code>/", views.agency_page, name="agency"),
    path("map/", views.problem_map, name="map"),
    path("methodology/", views.methodology, name="methodology"),
    path("snapshots/<int:pk>.<str:extension>", views.snapshot_export, name="snapshot_export"),
    path("snapshots/<int:pk>/map.<str:extension>", views.problem_map_export, name="map_export"),
]
