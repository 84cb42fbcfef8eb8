"""One small form per workflow action; the services do the checking that matters."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import validate_iin
from accounts.models import Membership, User
from agencies.models import Agency, Category, Region
from appeals.attachments import CleanFile, clean_uploads
from appeals.forms import TEXT_LIMIT, MultipleFileField
from appeals.models import Appeal, AppealType
from appeals.workflow import Action


class ActionForm(forms.Form):
    def __init__(self, *args: Any, appeal: Appeal, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.appeal, self.actor = appeal, actor


class RegisterForm(ActionForm):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)


class ForwardForm(ActionForm):
    to_agency = forms.ModelChoiceField(label=_("To agency"), queryset=Agency.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=2000)

    def __init__(self, *args: Any, appeal: Appeal, **kwargs: Any) -> None:
        super().__init__(*args, appeal=appeal, **kwargs)
        agencies = Agency.objects.filter(is_active=True).exclude(pk=appeal.agency_id)
        cast(forms.ModelChoiceField, self.fields["to_agency"]).queryset = agencies


class AssignForm(ActionForm):
    executor = forms.ModelChoiceField(label=_("Executor"), queryset=User.objects.none())
    instruction = forms.CharField(label=_("Instruction"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, appeal: Appeal, **kwargs: Any) -> None:
        super().__init__(*args, appeal=appeal, **kwargs)
        executors = User.objects.filter(
            memberships__agency_id=appeal.agency_id,
            memberships__role=Membership.Role.EXECUTOR,
            memberships__is_active=True,
            is_active=True,
        ).order_by("full_name")
        cast(forms.ModelChoiceField, self.fields["executor"]).queryset = executors


class AnswerForm(ActionForm):
    kind = forms.ChoiceField(label=_("Answer"), choices=Appeal.AnswerKind.choices)
    text = forms.CharField(
        label=_("Text of the answer"), widget=forms.Textarea, max_length=TEXT_LIMIT
    )
    attachments = MultipleFileField(label=_("Files"), required=False)

    def clean_attachments(self) -> list[CleanFile]:
        files = self.cleaned_data.get("attachments") or []
        return clean_uploads(files, uploader_id=self.actor.pk)


class ExtendForm(ActionForm):
    until = forms.DateField(label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=2000)


class TerminateForm(ActionForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=Appeal.TerminationReason.choices)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)


class WithdrawForm(ActionForm):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)


ACTION_FORMS: dict[Action, type[ActionForm]] = {
    Action.REGISTER: RegisterForm,
    Action.FORWARD: ForwardForm,
    Action.ASSIGN: AssignForm,
    Action.ANSWER: AnswerForm,
    Action.EXTEND: ExtendForm,
    Action.TERMINATE: TerminateForm,
    Action.WITHDRAW: WithdrawForm,
}


class WalkInAppealForm(forms.Form):
    """A front-office operator fills this in with a walk-in citizen."""

    iin = forms.CharField(label=_("Citizen's IIN"), max_length=12, validators=[validate_iin])
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email (if any)"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    appeal_type = forms.ModelChoiceField(label=_("Type"), queryset=AppealType.objects.all())
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True, parent__isnull=False)
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all())
    addressee = forms.ModelChoiceField(
        label=_("Addressee"), queryset=Agency.objects.filter(is_active=True)
    )
    subject = forms.CharField(label=_("Subject"), max_length=255)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, max_length=TEXT_LIMIT)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
