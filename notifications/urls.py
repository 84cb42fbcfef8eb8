from django.urls import path

from notifications import views

app_name = "inbox"
urlpatterns = [
    path("", views.inbox, name="list"),
    path("<int:pk>/", views.notice, name="notice"),
    path("read-all/", views.read_all, name="read_all"),
]
