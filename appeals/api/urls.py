from django.urls import path

from appeals.api import views

urlpatterns = [
    path("appeals/", views.MyAppeals.as_view(), name="api-appeals"),
    path("appeals/<int:pk>/", views.MyAppeal.as_view(), name="api-appeal"),
    path("appeals/<int:pk>/withdraw/", views.Withdraw.as_view(), name="api-withdraw"),
    path("appeals/<int:pk>/rating/", views.Rate.as_view(), name="api-rate"),
    path("staff/appeals/", views.StaffAppeals.as_view(), name="api-staff-appeals"),
    path("staff/front-office/", views.FrontOffice.as_view(), name="api-front-office"),
    path("staff/appeals/<int:pk>/", views.StaffAppeal.as_view(), name="api-staff-appeal"),
    *[
        path(f"staff/appeals/<int:pk>/{action.value}/", view.as_view(), name=f"api-{action.value}")
        for action, view in views.STAFF_ACTION_VIEWS.items()
    ],
]
