from django.urls import path

from appeals.api import answer_templates, hearing, letters, questions, status, topics, views

urlpatterns = [
    path("appeals/", views.MyAppeals.as_view(), name="api-appeals"),
    path("appeals/<int:pk>/", views.MyAppeal.as_view(), name="api-appeal"),
    path("appeals/<int:pk>/withdraw/", views.Withdraw.as_view(), name="api-withdraw"),
    path("appeals/<int:pk>/rating/", views.Rate.as_view(), name="api-rate"),
    path("appeals/<int:pk>/letter/", letters.MyLetter.as_view(), name="api-letter"),
    path("appeals/<int:pk>/objection/", hearing.Objection.as_view(), name="api-objection"),
    path(
        "appeals/<int:pk>/questions/<int:question_id>/reply/",
        questions.Reply.as_view(),
        name="api-question-reply",
    ),
    path("staff/appeals/", views.StaffAppeals.as_view(), name="api-staff-appeals"),
    path("staff/front-office/", views.FrontOffice.as_view(), name="api-front-office"),
    path("staff/appeals/<int:pk>/", views.StaffAppeal.as_view(), name="api-staff-appeal"),
    path("staff/appeals/<int:pk>/letter/", letters.StaffLetter.as_view(), name="api-staff-letter"),
    path(
        "staff/appeals/<int:pk>/answer/check/",
        hearing.AnswerCheck.as_view(),
        name="api-answer-check",
    ),
    path(
        "staff/appeals/<int:pk>/templates/",
        answer_templates.AppealTemplates.as_view(),
        name="api-staff-templates",
    ),
    *[
        path(f"staff/appeals/<int:pk>/{action.value}/", view.as_view(), name=f"api-{action.value}")
        for action, view in views.STAFF_ACTION_VIEWS.items()
    ],
    path("verify/<str:code>/", letters.VerifyLetter.as_view(), name="api-verify"),
    path("status/", status.StatusLookup.as_view(), name="api-status"),
    path("topics/proposal/", topics.TopicProposal.as_view(), name="api-topic-proposal"),
]
