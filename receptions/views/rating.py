"""The citizen's rating of the outcome of a question he raised at a reception or meeting."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest
from receptions.models import Question, QuestionFeedback
from receptions.outcomes import COMMENT_LIMIT, question_rate


class QuestionRatingForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Are you satisfied with the outcome?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    """Only the question's citizen reaches it; anyone else gets a 404."""
    question = (
        Question.objects.select_related(
            "meeting", "meeting__agency", "category", "appeal", "appeal__agency", "forwarded_to"
        )
        .filter(pk=pk, citizen=request.user, imported=False)
        .first()
    )
    if question is None:
        raise Http404
    feedback = QuestionFeedback.objects.filter(question=question).first()
    initial = {}
    if feedback is not None:
        initial = {"satisfied": "yes" if feedback.satisfied else "no", "comment": feedback.comment}
    form = QuestionRatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            question_rate(question_id=question.pk, citizen=request.user, **form.cleaned_data)
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Thank you: your rating is recorded."))
            return redirect("receptions:rate", pk=question.pk)
    context = {
        "question": question,
        "meeting": question.meeting,
        "feedback": feedback,
        "form": form,
    }
    return render(request, "receptions/rate.html", context)
