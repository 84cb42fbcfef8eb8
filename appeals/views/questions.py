"""The applicant's side of the body's questions: the thread on the appeal's page, and the
reply (a page of its own too, which shows a refused reply with what was typed)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from appeals.forms import ReplyForm
from appeals.models import Appeal, Question
from appeals.questions import question_reply, questions_of, reply_refusal
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest


def reply_form(question: Question, user: User, *args: Any) -> ReplyForm:
    """A question's reply form, its element ids its own (a page may show several)."""
    return ReplyForm(*args, uploader=user, auto_id=f"id_q{question.pk}_%s")


def question_thread(appeal: Appeal, user: User) -> dict[str, Any]:
    """The appeal page's "Questions from the body": each question with its reply or a form."""
    thread = [
        (question, None if reply_refusal(user, question, appeal) else reply_form(question, user))
        for question in questions_of(appeal)
    ]
    return {"questions": thread}


def _detail(question: Question) -> str:
    return reverse("appeals:detail", args=[question.appeal_id]) + f"#question-{question.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def reply(request: AuthenticatedRequest[User], pk: int, question_pk: int) -> HttpResponse:
    # Only the applicant's own appeals: another's question is a 404, as if it did not exist.
    question = get_object_or_404(
        Question.objects.select_related("appeal"),
        pk=question_pk, appeal_id=pk, appeal__applicant=request.user,
    )  # fmt: skip
    refusal = reply_refusal(request.user, question, question.appeal)
    if refusal is not None:  # before the files are read: they would count for nothing
        messages.error(request, refusal)
        return redirect(_detail(question))
    form = reply_form(question, request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            question_reply(
                question_id=question.pk, actor=request.user, text=form.cleaned_data["text"],
                attachments=form.cleaned_data["attachments"],
            )  # fmt: skip
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your reply has been sent to the body."))
            return redirect(_detail(question))
    context = {
        "appeal": question.appeal, "question": question, "form": form,
        "files_to_attach_again": bool(request.FILES),
    }  # fmt: skip
    return render(request, "appeals/question_reply.html", context)
