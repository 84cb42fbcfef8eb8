"""Answer templates in the back-office: the heads of a body keep their body's (never deleted,
only taken out of use); the answer form offers them, filled in for the appeal, with a
script or without one (?template=<id>)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Visitor
from agencies.models import Agency, Category
from appeals.answer_templates import (
    check_placeholders,
    placeholders_help,
    render_template,
    template_for,
    templates_for,
)
from appeals.backoffice.site import backoffice_site
from appeals.models import AnswerTemplate, Appeal
from appeals.questions import question_note
from appeals.selectors import appeals_for_staff, staff_memberships
from appeals.workflow import ANSWERS, Action
from core.ids import query_id


def headed_agency_ids(user: Visitor) -> set[int]:
    """The bodies whose templates this person keeps: where they are the head."""
    return {m.agency_id for m in staff_memberships(user) if m.role == Membership.Role.HEAD}


class AnswerTemplateForm(forms.ModelForm[AnswerTemplate]):
    class Meta:
        model = AnswerTemplate
        fields = ("agency", "title", "language", "category", "text", "is_active")
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = placeholders_help()

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        check_placeholders(text)
        return text


@admin.register(AnswerTemplate, site=backoffice_site)
class AnswerTemplateAdmin(admin.ModelAdmin[AnswerTemplate]):
    form = AnswerTemplateForm
    list_display = ("title", "agency", "language", "category", "is_active", "updated_at")
    list_filter = ("is_active", "language")
    list_select_related = ("agency", "category")
    search_fields = ("title",)
    ordering = ("agency", "language", "title")
    actions = ["take_out_of_use"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AnswerTemplate]:
        return AnswerTemplate.objects.filter(agency_id__in=headed_agency_ids(request.user))

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField[Any] | None:
        if db_field.name == "agency":
            kwargs["queryset"] = Agency.objects.filter(pk__in=headed_agency_ids(request.user))
        elif db_field.name == "category":
            kwargs["queryset"] = Category.objects.filter(is_active=True).order_by(
                "parent__position", "position"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:  # fmt: skip
        # A body named that one does not head: refused, not shown as a form's error.
        agency_id = query_id(request.POST.get("agency")) if request.method == "POST" else None
        if agency_id is not None and agency_id not in headed_agency_ids(request.user):
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(headed_agency_ids(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        heads = headed_agency_ids(request.user)
        return bool(heads) and (obj is None or obj.agency_id in heads)

    has_change_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(headed_agency_ids(request.user))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # answers were written from it: take it out of use instead

    @admin.action(description=_("Take the selected templates out of use"), permissions=["change"])
    def take_out_of_use(self, request: HttpRequest, queryset: QuerySet[AnswerTemplate]) -> None:
        count = queryset.filter(is_active=True).update(is_active=False)
        self.message_user(
            request, gettext("Taken out of use: %(count)s.") % {"count": count}, messages.SUCCESS
        )

    def get_urls(self) -> list[URLPattern]:
        use = self.admin_site.admin_view(self.use_view)
        return [
            path("use/<int:template_id>/for/<int:appeal_id>/", use,
                 name="appeals_answertemplate_use"),
            *super().get_urls(),
        ]  # fmt: skip

    def use_view(self, request: HttpRequest, template_id: int, appeal_id: int) -> JsonResponse:
        """The template filled in for the appeal, for the answer form's script."""
        appeal = _appeal(request.user, appeal_id)
        template = template_for(request.user, appeal, template_id)
        if template is None:
            raise Http404
        return JsonResponse({"text": render_template(template, appeal)})


def _appeal(user: Visitor, appeal_id: int) -> Appeal:
    related = ("agency", "applicant", "executor", "category")
    appeal = appeals_for_staff(user).select_related(*related).filter(pk=appeal_id).first()
    if appeal is None:
        raise Http404
    return appeal


def template_initial(request: HttpRequest, appeal: Appeal, action: Action) -> dict[str, str]:
    """Without a script: the answer's text filled from ?template=<id>, when it may be used."""
    if action not in ANSWERS or request.method != "GET":
        return {}
    template = template_for(request.user, appeal, query_id(request.GET.get("template")))
    return {} if template is None else {"text": render_template(template, appeal)}


def form_extras(request: HttpRequest, appeal: Appeal, action: Action) -> dict[str, Any]:
    """An action page's extras: the deadline rule by a question's form; the answer form's
    "Use a template" choice, with the templates and the one chosen."""
    if action == Action.ASK:
        return {"note": question_note(appeal)}
    if action not in ANSWERS:
        return {}
    return {
        "answer_templates": list(templates_for(appeal).only("pk", "title")),
        "chosen_template": query_id(request.GET.get("template")),
    }
