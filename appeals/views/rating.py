"""Rating an answer: on the appeal's page, or from the email's link without logging in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from appeals.forms import FeedbackForm
from appeals.models import Appeal
from appeals.rating import appeal_from_rating_token, feedback_give
from appeals.selectors import appeals_of_citizen
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest


def _save(request: HttpRequest, appeal: Appeal, form: FeedbackForm) -> bool:
    try:
        feedback_give(appeal_id=appeal.pk, **form.cleaned_data)
    except ActionRefused as refused:
        messages.error(request, refused.message)
        return False
    messages.success(request, _("Thank you: your rating is recorded."))
    return True


@login_required
@require_POST
def rate(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    appeal = get_object_or_404(appeals_of_citizen(request.user), pk=pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        _save(request, appeal, form)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("appeals:detail", pk=appeal.pk)


@require_http_methods(["GET", "POST"])
def rate_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The email's link. GET only shows the choice (mail scanners open links); POST records it."""
    appeal = appeal_from_rating_token(token)
    if appeal is None:
        raise Http404(_("This link is not valid or has expired."))
    initial = {"satisfied": request.GET.get("satisfied", "")}
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, appeal, form):
        return render(request, "appeals/rated.html", {"appeal": appeal})
    return render(request, "appeals/rate.html", {"appeal": appeal, "form": form})
