from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from appeals.backoffice.site import backoffice_site
from portal import views

admin.site.site_header = _("Otinish administration")
admin.site.site_title = _("Otinish")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("appeals/", include("appeals.urls")),
    path("ratings/", include("ratings.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("backoffice/", backoffice_site.urls),
]
