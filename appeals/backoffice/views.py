"""The pages behind the back-office's action buttons and the front-office desk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from appeals import services
from appeals.backoffice.forms import ACTION_FORMS, WalkInAppealForm
from appeals.models import Appeal
from appeals.selectors import staff_memberships, visible_agency_ids
from appeals.workflow import ACTION_LABELS, Action, ActionRefused, refusal

if TYPE_CHECKING:
    from appeals.backoffice.admin import AppealAdmin

SERVICES: dict[Action, Any] = {
    Action.REGISTER: services.appeal_register,
    Action.FORWARD: services.appeal_forward,
    Action.ASSIGN: services.appeal_assign,
    Action.ANSWER: services.appeal_answer,
    Action.EXTEND: services.appeal_extend,
    Action.TERMINATE: services.appeal_terminate,
}


def act(request: HttpRequest, admin: AppealAdmin, appeal: Appeal, action_name: str) -> HttpResponse:
    """Show the form of one workflow action, or take it."""
    try:
        action = Action(action_name)
    except ValueError:
        raise Http404 from None
    if action not in SERVICES:
        raise Http404
    user: User = request.user  # type: ignore[assignment]
    reason = refusal(user, action, appeal)
    if reason is not None:
        return admin.after_refusal(request, appeal, reason)
    form = ACTION_FORMS[action](
        request.POST or None, request.FILES or None, appeal=appeal, actor=user
    )
    if request.method == "POST" and form.is_valid():
        try:
            updated = SERVICES[action](appeal_id=appeal.pk, actor=user, **form.cleaned_data)
        except ActionRefused as refused:
            # Another person acted first, or the input breaks a rule: say so, keep nothing.
            return admin.after_refusal(request, appeal, refused.message)
        messages.success(request, _("Done: %(action)s.") % {"action": ACTION_LABELS[action]})
        if updated.agency_id in visible_agency_ids(user):
            return redirect(admin.appeal_url(updated))
        return redirect("backoffice:appeals_appeal_changelist")  # forwarded out of sight
    context = {
        **admin.admin_site.each_context(request),
        "opts": admin.opts,
        "title": f"{ACTION_LABELS[action]}: {appeal.reference}",
        "appeal": appeal,
        "form": form,
        "action_label": ACTION_LABELS[action],
    }
    return TemplateResponse(request, "backoffice/action_form.html", context)


def front_office(request: HttpRequest, admin: AppealAdmin) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not any(m.role == Membership.Role.FRONT_OFFICE for m in staff_memberships(user)):
        raise Http404
    form = WalkInAppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_submit_on_behalf(operator=user, **form.cleaned_data)
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                _("Appeal %(reference)s sent to %(agency)s. Give the citizen this number.")
                % {"reference": appeal.reference, "agency": appeal.agency.name},
            )
            return redirect("backoffice:appeals_appeal_front_office")
    context = {
        **admin.admin_site.each_context(request),
        "opts": admin.opts,
        "title": _("Appeal of a walk-in citizen"),
        "form": form,
        "action_label": _("Send the appeal"),
    }
    return TemplateResponse(request, "backoffice/action_form.html", context)
