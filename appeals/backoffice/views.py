"""The pages behind the back-office's action buttons (the front-office desk: front_office.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from appeals.backoffice import answer_templates, answering
from appeals.backoffice.site import backoffice_site
from appeals.forms import ACTION_FORMS
from appeals.models import Appeal
from appeals.selectors import visible_agency_ids
from appeals.workflow import STAFF_ACTIONS, TRANSITIONS, Action, refusal
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest


def appeal_url(appeal: Appeal) -> str:
    return reverse("backoffice:appeals_appeal_change", args=[appeal.pk])


def _page(request: HttpRequest, template: str, title: str, **context: Any) -> TemplateResponse:
    site_context = backoffice_site.each_context(request)
    context = {**site_context, "opts": Appeal._meta, "title": title, **context}
    return TemplateResponse(request, template, context)


def _refused(request: HttpRequest, appeal: Appeal, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect(appeal_url(appeal))


def act(request: AuthenticatedRequest[User], appeal: Appeal, action_name: str) -> HttpResponse:
    """Show the form of one staff action, or take it."""
    try:
        action = Action(action_name)
    except ValueError:
        raise Http404 from None
    if action not in STAFF_ACTIONS:
        raise Http404
    user = request.user
    reason = refusal(user, action, appeal)
    if reason is not None:
        return _refused(request, appeal, reason)
    form = ACTION_FORMS[action](
        request.POST or None, request.FILES or None, appeal=appeal, actor=user,
        initial=answer_templates.template_initial(request, appeal, action),
    )  # fmt: skip
    label, check = TRANSITIONS[action].label, None
    if request.method == "POST" and form.is_valid():
        try:
            updated = answering.take(action, appeal, user, form, request.POST)
        except ActionRefused as refused:
            # Another person acted first, or the input breaks a rule: say so, keep nothing.
            return _refused(request, appeal, refused.message)
        if not isinstance(updated, Appeal):  # the answer check's findings: shown on the form
            check = updated
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": label})
            if updated.agency_id in visible_agency_ids(user):
                return redirect(appeal_url(updated))
            return redirect("backoffice:appeals_appeal_changelist")  # forwarded out of sight
    title = f"{label}: {appeal.reference}"
    return _page(
        request, "backoffice/action_form.html", title, appeal=appeal, form=form,
        action_label=label, **answering.form_context(action, appeal, form, check),
        **answer_templates.form_extras(request, appeal, action),
    )  # fmt: skip
