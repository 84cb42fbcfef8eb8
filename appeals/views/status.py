"""The public status page at /status/: the reference number and the lookup code in, the
status, the body, the dates and whether it is overdue out; no personal data, no text."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from appeals.status_lookup import (
    LookupRefused,
    LookupsExhausted,
    code_normal,
    reference_normal,
    status_lookup,
)
from core.clients import client_ip

TEMPLATE = "appeals/status.html"


class StatusForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"), max_length=30,
        help_text=_("As on the confirmation or the receipt, for example ЖТ-2026-00001234."),
    )  # fmt: skip
    code = forms.CharField(
        label=_("Status code"), max_length=20,
        help_text=_("The 8 letters and digits shown once when the appeal was sent."),
    )  # fmt: skip

    def clean_reference(self) -> str:
        return reference_normal(self.cleaned_data["reference"])

    def clean_code(self) -> str:
        code = code_normal(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("A status code has 8 letters and digits (no 0, O, 1, I or L): check it."),
                code="malformed",
            )
        return code


def _private(response: HttpResponse) -> HttpResponse:
    """Neither kept by caches nor listed by search engines: a status is its code holder's."""
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def status_page(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _private(render(request, TEMPLATE, {"form": form}))
    try:
        facts = status_lookup(client=client_ip(request), **form.cleaned_data)
    except (LookupRefused, LookupsExhausted) as refused:
        # A fresh form: the answer to a wrong code and to an unknown reference is one page.
        context = {"form": StatusForm(), "refusal": refused.message}
        response = _private(render(request, TEMPLATE, context, status=refused.status))
        if isinstance(refused, LookupsExhausted):
            response["Retry-After"] = str(refused.retry_after)
        return response
    return _private(render(request, TEMPLATE, {"form": StatusForm(), "facts": facts}))
