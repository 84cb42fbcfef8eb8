from django.urls import path

from agencies.api import views

urlpatterns = [
    path("regions/", views.Regions.as_view(), name="api-regions"),
    path("agencies/", views.Agencies.as_view(), name="api-agencies"),
    path("categories/", views.Categories.as_view(), name="api-categories"),
    path("appeal-types/", views.AppealTypes.as_view(), name="api-appeal-types"),
    path("routing/", views.Routing.as_view(), name="api-routing"),
]
