"""The citizen's pages: my appeals, one appeal with its route, withdrawing it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.models import User
from appeals.models import Appeal, Attachment
from appeals.selectors import appeal_timeline, appeals_of_citizen, attachment_visible_to
from appeals.services import appeal_withdraw
from appeals.timeline import describe, public_comment
from appeals.workflow import Action, ActionRefused, refusal
from ratings.forms import FeedbackForm
from ratings.models import Feedback
from ratings.services import CHANGE_WINDOW

PAGE_SIZE = 20


class WithdrawForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Why do you withdraw it? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@login_required
def my_appeals(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    appeals = appeals_of_citizen(user).select_related("agency", "type").order_by("-received_at")
    status = request.GET.get("status", "")
    if status in Appeal.Status.values:
        appeals = appeals.filter(status=status)
    page = Paginator(appeals, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": Appeal.Status.choices,
        "now": timezone.now(),
    }
    return render(request, "appeals/my_appeals.html", context)


def _own_appeal(request: HttpRequest, pk: int) -> Appeal:
    """The appeal if it is the user's own; 404 otherwise, so others learn nothing of it."""
    user: User = request.user  # type: ignore[assignment]
    related = ("agency", "type", "category", "region", "addressee")
    return get_object_or_404(appeals_of_citizen(user).select_related(*related), pk=pk)


@login_required
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _own_appeal(request, pk)
    user: User = request.user  # type: ignore[assignment]
    timeline = [(e, describe(e), public_comment(e)) for e in appeal_timeline(appeal)]
    feedback = Feedback.objects.filter(appeal=appeal).first()
    context = {
        "appeal": appeal,
        "timeline": timeline,
        "attachments": list(appeal.attachments.order_by("kind", "pk")),
        "can_withdraw": refusal(user, Action.WITHDRAW, appeal) is None,
        "withdraw_form": WithdrawForm(),
        "feedback": feedback,
        "feedback_form": _feedback_form(appeal, feedback),
        "complaints": list(appeal.complaints.only("pk", "reference", "status")),
        "now": timezone.now(),
    }
    return render(request, "appeals/appeal_detail.html", context)


def _feedback_form(appeal: Appeal, feedback: Feedback | None) -> FeedbackForm | None:
    """The rating form while the appeal is answered and the rating may still change."""
    if appeal.status != Appeal.Status.ANSWERED:
        return None
    if feedback is None:
        return FeedbackForm()
    if timezone.now() - feedback.created_at > CHANGE_WINDOW:
        return None
    initial = {"satisfied": "yes" if feedback.satisfied else "no", "reason": feedback.reason}
    return FeedbackForm(initial={**initial, "comment": feedback.comment})


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """A file, as a download, to the applicant and the staff who may see the appeal only."""
    attachment = get_object_or_404(Attachment.objects.select_related("appeal"), pk=pk)
    if not attachment_visible_to(request.user, attachment.appeal):  # type: ignore[arg-type]
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["POST"])
def appeal_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _own_appeal(request, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            appeal_withdraw(
                appeal_id=appeal.pk,
                actor=request.user,  # type: ignore[arg-type]
                comment=form.cleaned_data["comment"],
            )
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your appeal has been withdrawn."))
    return redirect("appeals:detail", pk=appeal.pk)
