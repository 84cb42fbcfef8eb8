from django.urls import path

from appeals import views

app_name = "appeals"
urlpatterns = [
    path("", views.my_appeals, name="mine"),
    path("<int:pk>/", views.appeal_detail, name="detail"),
    path("<int:pk>/withdraw/", views.appeal_withdraw_view, name="withdraw"),
]
