"""The applicant's side of the hearing before a refusal: the section on the appeal's page,
and the objection (a page of its own too, which shows a refused objection with its text)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.models import User
from appeals.forms import FILES_HELP, UploadsField
from appeals.hearings import current_hearing, heard, hearing_object, objection_refusal
from appeals.models import TEXT_LIMIT, Appeal, AppealEvent
from appeals.selectors import appeals_of_citizen
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your objection"), max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )  # fmt: skip
    attachments = UploadsField(
        label=gettext_lazy("Files (optional)"), required=False,
        help_text=FILES_HELP,
    )  # fmt: skip

    def __init__(self, *args: Any, uploader: User, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_objection_%s")  # unique beside the page's other forms
        super().__init__(*args, **kwargs)
        cast(UploadsField, self.fields["attachments"]).uploader_id = uploader.pk
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx"


def hearing_section(appeal: Appeal, user: User, events: list[AppealEvent]) -> dict[str, Any]:
    """The appeal page's "Intended refusal" section: each hearing, and the form while the
    applicant may object. Its `events`, the route, say whether there is any to show."""
    hearings = list(appeal.hearings.order_by("notified_at", "pk")) if heard(events) else []
    hearing = current_hearing(appeal) if hearings else None
    if objection_refusal(appeal, user, hearing, timezone.now()) is not None:
        hearing = None
    return {
        "hearings": hearings,
        "hearing_open": hearing,
        "objection_form": ObjectionForm(uploader=user) if hearing else None,
        "hearing_days": settings.HEARING_WORKING_DAYS,
    }


def _detail(appeal: Appeal) -> str:
    return reverse("appeals:detail", args=[appeal.pk]) + "#hearing"


@login_required
@require_http_methods(["GET", "POST"])
def objection(request: AuthenticatedRequest[User], pk: int) -> HttpResponse:
    # Only the applicant's own appeals: another's is a 404, as if it did not exist.
    appeal = get_object_or_404(appeals_of_citizen(request.user).select_related("agency"), pk=pk)
    hearing = current_hearing(appeal)
    refusal = objection_refusal(appeal, request.user, hearing, timezone.now())
    if refusal is not None:  # before the files are read: they would count for nothing
        messages.error(request, refusal)
        return redirect(_detail(appeal))
    form = ObjectionForm(request.POST or None, request.FILES or None, uploader=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            hearing_object(appeal_id=appeal.pk, actor=request.user, **form.cleaned_data)
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your objection has been sent: the body reads it "
                                        "before it decides."))  # fmt: skip
        return redirect(_detail(appeal))
    context = {
        "appeal": appeal, "hearing": hearing, "form": form,
        "files_to_attach_again": bool(request.FILES),
    }  # fmt: skip
    return render(request, "appeals/objection.html", context)
