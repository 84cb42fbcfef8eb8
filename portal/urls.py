from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from appeals.backoffice.site import backoffice_site
from appeals.urls import rating_urlpatterns, status_urlpatterns, verify_urlpatterns
from listening.urls import public_urlpatterns as problem_urlpatterns
from portal import pages, redoc, views

admin.site.site_header = _("Otinish administration")
admin.site.site_title = _("Otinish")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(pages)),
    path("appeals/", include("appeals.urls")),
    path("receptions/", include("receptions.urls")),
    path("petitions/", include("petitions.urls")),
    path("problems/", include((problem_urlpatterns, "problems"))),
    path("ratings/", include("ratings.urls")),
    path("ratings/", include((rating_urlpatterns, "rating"))),
    path("verify/", include((verify_urlpatterns, "verify"))),
    path("status/", include((status_urlpatterns, "status"))),
    path("api/v1/", include("ratings.api.urls")),
    path("api/v1/", include("agencies.api.urls")),
    path("api/v1/", include("accounts.api.urls")),
    path("api/v1/", include("appeals.api.urls")),
    path("api/v1/", include("receptions.api.urls")),
    path("api/v1/", include("petitions.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", redoc.RedocView.as_view(url_name="schema"), name="api-redoc"),
    path("api/redoc/redoc.standalone.js", redoc.bundle, name="api-redoc-bundle"),
    path("accounts/", include("accounts.urls")),
    path("inbox/", include("notifications.urls")),
    path("admin/", admin.site.urls),
    # Before the back-office site: its catch-all would take these addresses.
    path("backoffice/listening/", include("listening.urls")),
    path("backoffice/", backoffice_site.urls),
]

# Under /api/ Django's own errors answer in the API's error shape (portal/views.py).
handler400 = "portal.views.bad_request"
handler403 = "portal.views.forbidden"
handler404 = "portal.views.not_found"
handler500 = "portal.views.server_error"
