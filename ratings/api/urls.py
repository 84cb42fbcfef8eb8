from django.urls import path

from ratings.api import views

urlpatterns = [
    path("rankings/", views.LatestRanking.as_view(), name="api-rankings"),
    path("rankings/snapshots/", views.SnapshotList.as_view(), name="api-snapshots"),
    path("rankings/snapshots/<int:pk>/", views.SnapshotDetail.as_view(), name="api-snapshot"),
    path(
        "rankings/snapshots/<int:pk>/problem-map/",
        views.SnapshotProblemMap.as_view(),
        name="api-snapshot-problem-map",
    ),
    path(
        "rankings/snapshots/<int:pk>/repeats/",
        views.SnapshotRepeats.as_view(),
        name="api-snapshot-repeats",
    ),
]
