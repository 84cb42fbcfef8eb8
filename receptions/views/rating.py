"""The citizen's rating of the outcome of a question he raised at a reception or meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest
from receptions.forms import QuestionRatingForm
from receptions.models import Question, QuestionFeedback
from receptions.outcomes import question_rate
from receptions.rating_links import question_from_rating_token

RELATED = ("meeting", "meeting__agency", "category", "appeal", "appeal__agency", "forwarded_to")


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    """Only the question's citizen reaches it; anyone else gets a 404."""
    question = (
        Question.objects.select_related(*RELATED)
        .filter(pk=pk, citizen=request.user, imported=False)
        .first()
    )
    if question is None:
        raise Http404
    again = reverse("receptions:rate", args=[question.pk])
    return _rating_page(request, question, request.user, again)


@require_http_methods(["GET", "POST"])
def rate_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The notice's link: its holder rates this one question. GET only shows the choice (mail
    scanners open links); POST records it."""
    found = question_from_rating_token(token)
    if found is None:
        raise Http404(_("This link is not valid or has expired."))
    question = Question.objects.select_related("citizen", *RELATED).get(pk=found.pk)
    if question.citizen is None:
        raise Http404(_("This link is not valid or has expired."))
    return _rating_page(request, question, question.citizen, request.path)


def _rating_page(
    request: HttpRequest, question: Question, citizen: User, again: str
) -> HttpResponse:
    """The question, its outcome and the rating form; `citizen`'s rating, once sent, returns
    to `again`."""
    feedback = QuestionFeedback.objects.filter(question=question).first()
    initial = {}
    if feedback is not None:
        initial = {"satisfied": "yes" if feedback.satisfied else "no", "comment": feedback.comment}
    form = QuestionRatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            question_rate(question_id=question.pk, citizen=citizen, **form.cleaned_data)
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Thank you: your rating is recorded."))
            return redirect(again)
    context = {"question": question, "meeting": question.meeting, "feedback": feedback,
               "form": form}  # fmt: skip
    return render(request, "receptions/rate.html", context)
