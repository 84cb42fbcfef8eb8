"""The public and citizen pages of petitions (the back-office's are in petitions/backoffice/)."""

from django.urls import path

from petitions.views import public

app_name = "petitions"

urlpatterns = [
    path("", public.petition_list, name="list"),
    path("<slug:slug>/", public.petition_detail, name="detail"),
]
