"""The citizen's pages: my appeals, one appeal with its route, withdrawing it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.models import User
from appeals.models import Appeal
from appeals.selectors import appeal_timeline, appeals_of_citizen
from appeals.services import appeal_withdraw
from appeals.timeline import describe, public_comment
from appeals.workflow import Action, ActionRefused, refusal

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
    context = {
        "appeal": appeal,
        "timeline": timeline,
        "can_withdraw": refusal(user, Action.WITHDRAW, appeal) is None,
        "withdraw_form": WithdrawForm(),
        "now": timezone.now(),
    }
    return render(request, "appeals/appeal_detail.html", context)


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
