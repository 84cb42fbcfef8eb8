from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/token/", views.ObtainToken.as_view(), name="api-token"),
    path("auth/tokens/", views.Tokens.as_view(), name="api-tokens"),
    path("auth/tokens/<str:token_key>/", views.RevokeToken.as_view(), name="api-token-revoke"),
    path("auth/logout/", views.Logout.as_view(), name="api-logout"),
]
