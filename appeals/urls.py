from django.urls import path

from appeals.views import my_appeals, new_appeal, rating

app_name = "appeals"
urlpatterns = [
    path("", my_appeals.my_appeals, name="mine"),
    path("new/", new_appeal.new_appeal, name="new"),
    path("routing/", new_appeal.routing_suggestion, name="routing"),
    path("<int:pk>/sent/", new_appeal.appeal_sent, name="sent"),
    path("files/<int:pk>/", my_appeals.attachment_download, name="attachment"),
    path("<int:pk>/", my_appeals.appeal_detail, name="detail"),
    path("<int:pk>/withdraw/", my_appeals.appeal_withdraw_view, name="withdraw"),
]

# Rating an answer, under /ratings/ where the links already mailed point (namespace "rating").
rating_urlpatterns = [
    path("appeal/<int:pk>/", rating.rate, name="rate"),
    path("r/<str:token>/", rating.rate_by_link, name="by_link"),
]
