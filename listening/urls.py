"""The back-office's problem clusters (/backoffice/listening/, the names listening:…, on
the back-office site's sign-in) and the public problem questions (/problems/, problems:…)."""

from __future__ import annotations

from django.urls import URLPattern, path

from appeals.backoffice.site import backoffice_site
from listening import backoffice, public

app_name = "listening"
staff = backoffice_site.admin_view

urlpatterns: list[URLPattern] = [
    path("clusters/", staff(backoffice.cluster_list), name="clusters"),
    path("clusters/<int:cluster_id>/", staff(backoffice.cluster_page), name="cluster"),
    path("clusters/<int:cluster_id>/answer/", staff(backoffice.answer), name="answer"),
    path("clusters/<int:cluster_id>/propose/", staff(backoffice.propose), name="propose"),
    path("rule-changes/<int:change_id>/move/", staff(backoffice.move), name="move"),
]

public_urlpatterns: list[URLPattern] = [
    path("", public.index, name="index"),
    path("body/<str:code>/", public.body, name="body"),
    path("region/<str:code>/", public.region, name="region"),
]
