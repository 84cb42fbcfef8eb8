"""The front-office desk: a walk-in citizen's appeal, and its receipt with the lookup code,
printed right after the intake by the operator who made it (appeals/code_handover.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from appeals import services
from appeals.backoffice.views import _page
from appeals.code_handover import RECEIPT, handover_appeal_id, handover_give, handover_take
from appeals.forms import WalkInAppealForm
from appeals.models import Appeal, AppealEvent
from appeals.receipts import receipt_pdf
from appeals.selectors import is_front_office
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest

DESK = "backoffice:appeals_appeal_front_office"


def front_office(request: AuthenticatedRequest[User]) -> HttpResponse:
    if not is_front_office(request.user):
        raise Http404
    form = WalkInAppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submitted = services.appeal_submit_walk_in(operator=request.user, **form.cleaned_data)
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            appeal = submitted.appeal
            messages.success(
                request,
                _("Appeal %(reference)s sent to %(agency)s. Give the citizen this number.")
                % {"reference": appeal.reference, "agency": appeal.agency.name},
            )
            response = redirect(DESK)
            handover_give(
                response, RECEIPT, appeal=appeal, user=request.user,
                code=submitted.lookup_code, path=reverse(DESK),
            )  # fmt: skip
            return response
    title = _("Appeal of a walk-in citizen")
    return _page(
        request, "backoffice/action_form.html", title, form=form,
        action_label=_("Send the appeal"), receipt=_receipt_ready(request),
    )  # fmt: skip


def _receipt_ready(request: AuthenticatedRequest[User]) -> Appeal | None:
    """The appeal just taken in at this desk, while its receipt may be printed."""
    appeal_id = handover_appeal_id(request, RECEIPT)
    appeal = Appeal.objects.filter(pk=appeal_id).first() if appeal_id else None
    return appeal if appeal and handover_take(request, RECEIPT, appeal) else None


def receipt(request: AuthenticatedRequest[User], appeal_id: int) -> HttpResponse:
    """The receipt's PDF: for the operator who took the appeal in, in the minutes after."""
    if not is_front_office(request.user):
        raise Http404
    appeal = Appeal.objects.select_related("type", "agency").filter(pk=appeal_id).first()
    taken_in = (
        appeal is not None
        and AppealEvent.objects.filter(
            appeal=appeal, action="appeal.submitted", actor=request.user
        ).exists()
    )
    code = handover_take(request, RECEIPT, appeal) if appeal and taken_in else None
    if appeal is None or code is None:
        messages.error(request, _(
            "A receipt is printed only right after the intake, by the operator who took the "
            "appeal in: its status code is not kept and cannot be shown again."))  # fmt: skip
        return redirect(DESK)
    response = HttpResponse(receipt_pdf(appeal, code), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{appeal.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
