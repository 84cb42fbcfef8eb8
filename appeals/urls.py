from django.urls import path

from appeals.views import (
    hearing,
    letters,
    my_appeals,
    new_appeal,
    questions,
    rating,
    status,
    topics,
    verify,
)

app_name = "appeals"
urlpatterns = [
    path("", my_appeals.my_appeals, name="mine"),
    path("new/", new_appeal.new_appeal, name="new"),
    path("routing/", new_appeal.routing_suggestion, name="routing"),
    path("topics/", topics.topic_proposal, name="propose_topic"),
    path("<int:pk>/sent/", new_appeal.appeal_sent, name="sent"),
    path("files/<int:pk>/", my_appeals.attachment_download, name="attachment"),
    path("<int:pk>/", my_appeals.appeal_detail, name="detail"),
    path("<int:pk>/withdraw/", my_appeals.appeal_withdraw_view, name="withdraw"),
    path("<int:pk>/objection/", hearing.objection, name="objection"),
    path("<int:pk>/questions/<int:question_pk>/reply/", questions.reply, name="question_reply"),
    path("<int:pk>/letter/", letters.appeal_letter, name="letter"),
    path("<int:pk>/letter/to-sign/", letters.letter_to_sign, name="letter_to_sign"),
    path("<int:pk>/letter/sign/", letters.letter_sign, name="letter_sign"),
    path("letters/<int:pk>/", letters.letter_file, name="letter_file"),
]

# Rating an answer, under /ratings/ where the links already mailed point (namespace "rating").
rating_urlpatterns = [
    path("appeal/<int:pk>/", rating.rate, name="rate"),
    path("r/<str:token>/", rating.rate_by_link, name="by_link"),
]

# The public check of a letter, under /verify/ where its QR code points (namespace "verify").
verify_urlpatterns = [
    path("", verify.verify_start, name="start"),
    path("<str:code>/", verify.verify_letter, name="letter"),
]

# An appeal's status by its reference number and lookup code, without logging in (namespace
# "status").
status_urlpatterns = [
    path("", status.status_page, name="lookup"),
]
