from django.urls import path

from appeals import submission, views

app_name = "appeals"
urlpatterns = [
    path("", views.my_appeals, name="mine"),
    path("new/", submission.new_appeal, name="new"),
    path("routing/", submission.routing_suggestion, name="routing"),
    path("<int:pk>/sent/", submission.appeal_sent, name="sent"),
    path("files/<int:pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/", views.appeal_detail, name="detail"),
    path("<int:pk>/withdraw/", views.appeal_withdraw_view, name="withdraw"),
]
