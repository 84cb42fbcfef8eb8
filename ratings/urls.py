from django.urls import path

from ratings import views

app_name = "ratings"
urlpatterns = [
    path("appeal/<int:pk>/", views.rate, name="rate"),
    path("r/<str:token>/", views.rate_by_link, name="rate_by_link"),
]
