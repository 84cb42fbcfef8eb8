"""The citizen's appeal form: sending it, the routing proposal, and complaints."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from agencies import held
from agencies.models import AppealType
from agencies.routing import RouteSuggestion, suggest_agency
from appeals.code_handover import SENT, handover_drop, handover_give, handover_take
from appeals.complaints import COMPLAINT_TYPE, complaint_offer
from appeals.forms import AppealForm
from appeals.models import Appeal
from appeals.selectors import appeals_of_citizen
from appeals.services import appeal_submit_once
from appeals.status_lookup import code_shown
from appeals.topics.proposing import Addressed
from appeals.views.topics import addressed_from
from core.ids import query_id
from core.refusals import ActionRefused, KeyReused
from core.requests import AuthenticatedRequest
from core.widgets import choices_key


def _suggestion(category_id: Any, region_id: Any) -> RouteSuggestion | None:
    """What the routing rules propose for the ids typed (or sent by a script), if any."""
    category_pk, region_pk = query_id(category_id), query_id(region_id)
    if category_pk is None or region_pk is None:
        return None
    category, region = held.TOPICS.get(pk=category_pk), held.REGIONS.get(pk=region_pk)
    if category is None or region is None:
        return None
    return suggest_agency(category=category, region=region)


@require_GET
def routing_suggestion(request: HttpRequest) -> JsonResponse:
    """The addressee the routing rules propose, for the form's script."""
    category, region = request.GET.get("category", ""), request.GET.get("region", "")
    suggestion = _suggestion(category, region)
    if suggestion is None:
        return JsonResponse({"agency": None, "reason": ""})
    agency = suggestion.agency
    return JsonResponse({"agency": agency.pk if agency else None, "reason": suggestion.reason})


def _complaint_initial(user: User, complaint_of: str) -> dict[str, Any]:
    pk = query_id(complaint_of)
    if pk is None:
        return {}
    first = appeals_of_citizen(user).filter(pk=pk).select_related("agency").first()
    offer = first and complaint_offer(first, timezone.now())
    if first is None or not offer:
        return {}
    names = {"agency": first.agency.name, "reference": first.reference}
    if offer.ground == Appeal.ComplaintGround.INACTION:
        subject = _("Complaint about no answer to appeal %(reference)s") % names
        text = _(
            "%(agency)s has not answered my appeal %(reference)s by its deadline, %(date)s. "
        ) % {**names, "date": _day(first.due_at)}
    elif offer.ground == Appeal.ComplaintGround.TERMINATION:
        subject = _("Complaint about leaving appeal %(reference)s without consideration") % names
        text = _(
            "%(agency)s left my appeal %(reference)s without consideration on %(date)s; "
            "I do not agree, because: "
        ) % {**names, "date": _day(first.answered_at)}
    else:
        subject = _("Complaint about the answer to appeal %(reference)s") % names
        text = _(
            "I do not agree with the answer of %(agency)s of %(date)s to my appeal "
            "%(reference)s, because: "
        ) % {**names, "date": _day(first.answered_at)}
    return {
        "complaint_of": first.pk,
        "appeal_type": AppealType.objects.filter(code=COMPLAINT_TYPE)
        .values_list("pk", flat=True)
        .first(),
        "category": first.category_id,
        "region": first.region_id,
        "addressee": offer.higher.pk,
        "subject": subject,
        "text": text,
    }


def _day(moment: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "DATE_FORMAT") if moment else ""


@login_required
@require_http_methods(["GET", "POST"])
def new_appeal(request: AuthenticatedRequest[User]) -> HttpResponse:
    user = request.user
    proposal = None
    if request.method == "POST" and not {"suggest", "propose_topic"} & set(request.POST):
        form = AppealForm(request.POST, request.FILES, uploader=user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submitted = appeal_submit_once(
                    applicant=user,
                    attachments=data.pop("attachments"),
                    **{k: v for k, v in data.items() if k != "consent"},
                )
            except KeyReused:  # the browser's "back", changes, "send" again
                form.add_error(
                    None,
                    _(
                        "This form was already sent once, with other content (see “My appeals”); "
                        "your changes were not sent. Check them and press “Send the appeal” to "
                        "send them as a new appeal."
                    ),
                )
                form.renew_key()
            except ActionRefused as refused:
                form.add_error(None, refused.message)
            else:
                return _to_confirmation(submitted.appeal, user, submitted.lookup_code)
    elif request.method == "POST":
        form, proposal = _filled_in(user, request.POST)
    else:
        complaint = _complaint_initial(user, request.GET.get("complaint_of", ""))
        initial = {
            "submission_key": AppealForm.fresh_key(),
            "language": (get_language() or "ru")[:2],
            "co_applicants": 0,
            **complaint,
        }
        form = AppealForm(initial=initial, uploader=user)
        if not complaint:  # a blank form: the same fields for everyone
            return render(request, "appeals/new_appeal.html", _blank_form(form))
    suggestion = _suggestion(form["category"].value(), form["region"].value())
    context = {
        "form": form,
        "suggestion": suggestion,
        "proposal": proposal,
        "files_to_attach_again": bool(request.FILES) and form.is_bound,
    }
    return render(request, "appeals/new_appeal.html", context)


_BLANK_FIELDS: dict[tuple[Any, ...], str] = {}  # by language and the lists' content
_MOST_BLANK = 32


def _blank_form(form: AppealForm) -> dict[str, Any]:
    """The page of a blank form. Its fields are the same for everyone (the key is apart),
    so they are written once per language and lists, then cost a page a lookup."""
    lists = ("appeal_type", "category", "region", "addressee")
    key = (get_language(), *(choices_key(_choices(form, name)) for name in lists))
    written = _BLANK_FIELDS.get(key)
    if written is None:
        if len(_BLANK_FIELDS) >= _MOST_BLANK:
            _BLANK_FIELDS.clear()
        context = {"form": form, "suggestion": None, "proposal": None}
        written = _BLANK_FIELDS[key] = render_to_string("appeals/_appeal_fields.html", context)
    return {"form": form, "blank_fields": mark_safe(written)}  # noqa: S308 - a template's


def _choices(form: AppealForm, name: str) -> Any:
    return cast(forms.ChoiceField, form.fields[name]).choices


def _filled_in(user: User, posted: QueryDict) -> tuple[AppealForm, Addressed | None]:
    """The form's buttons without JavaScript: the same form, with the topic proposed from the
    text ("Propose the topic from the text") and the addressee ("Propose the addressee")."""
    data, proposal = posted.copy(), None
    if "propose_topic" in data:
        proposal = addressed_from(data)
        if proposal.topics:
            data["category"] = str(proposal.topics[0].category.pk)
    suggestion = _suggestion(data.get("category"), data.get("region"))
    if suggestion is not None and suggestion.agency is not None:
        data["addressee"] = str(suggestion.agency.pk)
    return AppealForm(initial=data.dict(), uploader=user), proposal


def _to_confirmation(appeal: Appeal, user: User, code: str) -> HttpResponse:
    """To the confirmation page, with the lookup code for it alone (none on a repeat)."""
    response = redirect("appeals:sent", pk=appeal.pk)
    if code:
        path = reverse("appeals:sent", args=[appeal.pk])
        handover_give(response, SENT, appeal=appeal, user=user, code=code, path=path)
    return response


@login_required
def appeal_sent(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    sent = appeals_of_citizen(request.user).select_related("agency", "type")
    appeal = get_object_or_404(sent, pk=pk)
    code = handover_take(request, SENT, appeal)
    context = {"appeal": appeal, "lookup_code": code_shown(code) if code else ""}
    response = render(request, "appeals/sent.html", context)
    response["Cache-Control"] = "no-store"  # the code is shown once: not from a cache either
    handover_drop(response, SENT, request.path)
    return response
