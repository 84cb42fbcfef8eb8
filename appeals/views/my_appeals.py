"""The citizen's pages: my appeals, one appeal with its route, withdrawing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from appeals.complaints import complaint_offer
from appeals.forms import ACTION_FORMS, FeedbackForm
from appeals.models import Appeal, Attachment, Feedback
from appeals.rating import CHANGE_WINDOW
from appeals.selectors import appeal_timeline, appeals_of_citizen, attachment_visible_to
from appeals.services import appeal_withdraw
from appeals.timeline import describe, public_comment
from appeals.views.hearing import hearing_section
from appeals.views.questions import question_thread
from appeals.workflow import Action, refusal
from core.downloads import private_download
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest

PAGE_SIZE = 20


@login_required
def my_appeals(request: AuthenticatedRequest[User]) -> HttpResponse:
    appeals = (
        appeals_of_citizen(request.user).select_related("agency", "type").order_by("-received_at")
    )
    status = request.GET.get("status", "")
    if status in Appeal.Status.values:
        appeals = appeals.filter(status=status)
    else:
        status = ""  # the page's links carry only a known status
    paginator = Paginator(appeals, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "status": status,
        "query": f"status={status}&" if status else "",  # kept by the pages' links
        "statuses": Appeal.Status.choices,
        "now": timezone.now(),
    }
    return render(request, "appeals/my_appeals.html", context)


def _own_appeal(request: AuthenticatedRequest[User], pk: int) -> Appeal:
    """The appeal if it is the user's own; 404 otherwise, so others learn nothing of it."""
    related = ("agency", "type", "category", "region", "addressee")
    return get_object_or_404(appeals_of_citizen(request.user).select_related(*related), pk=pk)


@login_required
def appeal_detail(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    appeal = _own_appeal(request, pk)
    user = request.user
    timeline = [(e, describe(e), public_comment(e)) for e in appeal_timeline(appeal)]
    feedback = Feedback.objects.filter(appeal=appeal).first()
    context = {
        "appeal": appeal,
        "timeline": timeline,
        "attachments": list(appeal.attachments.order_by("kind", "pk")),
        "can_withdraw": refusal(user, Action.WITHDRAW, appeal) is None,
        "withdraw_form": ACTION_FORMS[Action.WITHDRAW](appeal=appeal, actor=user),
        "feedback": feedback,
        "feedback_form": _feedback_form(appeal, feedback),
        "complaints": list(
            appeal.complaints.only("pk", "reference", "status", "complaint_outcome")
        ),
        "complaint": complaint_offer(appeal, timezone.now()),
        **question_thread(appeal, user),
        **hearing_section(appeal, user, [event for event, *_ in timeline]),
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
def attachment_download(request: AuthenticatedRequest[User], pk: int) -> FileResponse:
    """A file, as a download, to the applicant and the staff who may see the appeal only."""
    attachment = get_object_or_404(Attachment.objects.select_related("appeal"), pk=pk)
    if not attachment_visible_to(request.user, attachment.appeal):
        raise Http404
    return private_download(
        attachment.file.open("rb"), attachment.original_name, attachment.content_type
    )


@login_required
@require_http_methods(["POST"])
def appeal_withdraw_view(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    appeal = _own_appeal(request, pk)
    form = ACTION_FORMS[Action.WITHDRAW](request.POST, appeal=appeal, actor=request.user)
    if form.is_valid():
        try:
            appeal_withdraw(appeal_id=appeal.pk, actor=request.user, **form.cleaned_data)
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your appeal has been withdrawn."))
    return redirect("appeals:detail", pk=appeal.pk)
