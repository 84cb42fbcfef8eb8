"""The citizen's appeal form (usable without JavaScript, nicer with it), the rating form,
and each workflow action's form, made from its inputs in the transition table."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import validate_iin
from accounts.models import IdentityCheck, User
from agencies import held
from agencies.models import Agency, AppealType, Category, Region
from appeals.attachments import MAX_FILES, CleanFile, clean_uploads
from appeals.models import SUBJECT_LIMIT, TEXT_LIMIT, TEXT_MINIMUM, Appeal, Feedback
from appeals.workflow import COMMENT_LIMIT, TRANSITIONS, Action, Input, InputKind, input_choices
from core.ids import query_id
from core.interpolate import interpolate_lazy
from core.widgets import ListedSelect

FILES_HELP = interpolate_lazy(
    _("Up to %(count)s files, each up to 10 MB: PDF, JPEG, PNG or DOCX."), {"count": MAX_FILES}
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UploadsField(MultipleFileField):
    """Files judged by their content (appeals.attachments), counted against the uploader."""

    uploader_id: int  # set by the form, for the person acting

    def clean(self, data: Any, initial: Any = None) -> list[CleanFile]:  # type: ignore[override]
        return clean_uploads(super().clean(data, initial), uploader_id=self.uploader_id)


def category_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Categories grouped under their parent: "category, then subcategory" in one list
    (held by the process, agencies.held)."""
    choices: list[tuple[str, list[tuple[int, str]]]] = _HELD_TOPIC_CHOICES.get()
    return choices


def _category_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    children = Category.objects.filter(is_active=True, parent__isnull=False).select_related(
        "parent"
    )
    groups: dict[Category, list[tuple[int, str]]] = {}
    for child in children.order_by("parent__position", "position"):
        groups.setdefault(cast(Category, child.parent), []).append((child.pk, child.name))
    return [(parent.name, options) for parent, options in groups.items()]


def chosen_topic(value: str | int) -> Category:
    """The active topic (a leaf of the tree) a form's topic list gave, or its error."""
    try:
        return Category.objects.get(pk=value, is_active=True, parent__isnull=False)
    except Category.DoesNotExist:
        raise ValidationError(_("Choose a topic from the list.")) from None


def agency_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The active bodies grouped by kind (held by the process, agencies.held)."""
    choices: list[tuple[str, list[tuple[int, str]]]] = _HELD_AGENCY_CHOICES.get()
    return choices


def _agency_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    agencies = Agency.objects.filter(is_active=True).order_by("kind", "name_ru")
    groups: dict[str, list[tuple[int, str]]] = {}
    for agency in agencies:
        groups.setdefault(str(agency.get_kind_display()), []).append((agency.pk, agency.name))
    return list(groups.items())


_HELD_TOPIC_CHOICES = held.HeldResults(_category_choices)
_HELD_AGENCY_CHOICES = held.HeldResults(_agency_choices)
_HELD_TYPE_CHOICES = held.HeldResults(
    lambda: [(kind.pk, str(kind)) for kind in AppealType.objects.all()]
)
_HELD_REGION_CHOICES = held.HeldResults(
    lambda: [(region.pk, str(region)) for region in Region.objects.all()]
)


class OnceChoices(BaseChoiceIterator):
    """Choices made when first shown, then kept for the rest of the page."""

    def __init__(self, make: Callable[[], list[Any]]) -> None:
        self.make, self.made = make, cast(list[Any] | None, None)

    def __iter__(self) -> Any:
        if self.made is None:
            self.made = self.make()
        yield from self.made


class PickedField(forms.TypedChoiceField):
    """A choice from a list built only when the form is shown: a sent id is checked against
    the rows of the list's terms the process holds, `pick` (agencies.held; a value not on
    the list gets the same error)."""

    widget = ListedSelect

    def __init__(self, *, pick: held.HeldRows, **kwargs: Any) -> None:
        super().__init__(coerce=int, **kwargs)
        self.pick = pick

    def clean(self, value: Any) -> Any:
        value = self.to_python(value)
        if value in self.empty_values:
            super().validate(value)  # the required error, as the list would give it
            return self.empty_value
        pk = query_id(value)
        picked = None if pk is None else self.pick.get(pk=pk)
        if picked is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice",
                params={"value": value},
            )  # fmt: skip
        return picked


class AppealForm(forms.Form):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    complaint_of = forms.IntegerField(widget=forms.HiddenInput, required=False)
    appeal_type = PickedField(label=_("Type of appeal"), pick=held.APPEAL_TYPES)
    category = PickedField(
        label=_("Topic"), pick=held.ACTIVE_TOPICS, error_messages={"required": _("Choose a topic.")}
    )
    region = PickedField(
        label=_("Region"),
        pick=held.REGIONS,
        error_messages={"required": _("Choose the region the appeal is about.")},
    )
    addressee = PickedField(
        label=_("Addressee"),
        pick=held.ACTIVE_AGENCIES,
        error_messages={"required": _("Choose the state body to write to.")},
        help_text=_("Proposed from the topic and region; you may choose any state body."),
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=SUBJECT_LIMIT,
        error_messages={"required": _("Enter the subject of the appeal.")},
        help_text=interpolate_lazy(_("Up to %(limit)s characters."), {"limit": SUBJECT_LIMIT}),
    )
    text = forms.CharField(
        label=_("Text of the appeal"),
        min_length=TEXT_MINIMUM,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Enter the text of the appeal.")},
        help_text=interpolate_lazy(
            _("From %(min)s to %(max)s characters."), {"min": TEXT_MINIMUM, "max": TEXT_LIMIT}
        ),
    )
    address = forms.CharField(
        label=_("Address the appeal is about (optional)"), required=False, max_length=300
    )
    language = forms.ChoiceField(label=_("Language of the answer"), choices=settings.LANGUAGES)
    co_applicants = forms.IntegerField(
        label=_("Co-applicants"),
        min_value=0,
        max_value=100_000,
        initial=0,
        help_text=_("For a collective appeal: how many people sign it with you."),
    )
    attachments = UploadsField(
        label=_("Files"),
        required=False,
        help_text=FILES_HELP,
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data to consider this appeal."),
        error_messages={"required": _("The appeal cannot be considered without your consent.")},
    )

    def __init__(self, *args: Any, uploader: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Whose hourly allowance of files the attachments use.
        cast(UploadsField, self.fields["attachments"]).uploader_id = uploader.pk
        # Built when the form is shown, not when a sent one is checked (PickedField).
        cast(forms.ChoiceField, self.fields["appeal_type"]).choices = OnceChoices(
            _HELD_TYPE_CHOICES.get
        )
        cast(forms.ChoiceField, self.fields["region"]).choices = OnceChoices(
            lambda: [("", "—"), *_HELD_REGION_CHOICES.get()]
        )
        cast(forms.ChoiceField, self.fields["category"]).choices = OnceChoices(
            lambda: [("", "—"), *category_choices()]
        )
        cast(forms.ChoiceField, self.fields["addressee"]).choices = OnceChoices(
            lambda: [("", "—"), *agency_choices()]
        )
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx"

    def clean_complaint_of(self) -> Appeal | None:
        pk = self.cleaned_data.get("complaint_of")
        return Appeal.objects.filter(pk=pk).first() if pk else None

    @classmethod
    def fresh_key(cls) -> uuid.UUID:
        return uuid.uuid4()

    def renew_key(self) -> None:
        """Shown again, the form sends as a new submission."""
        data = cast(QueryDict, self.data).copy()
        data["submission_key"] = str(self.fresh_key())
        self.data = data


class ReplyForm(forms.Form):
    """The applicant's reply to a question of the body (appeals.questions)."""

    text = forms.CharField(
        label=_("Your reply"), required=False, max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )  # fmt: skip
    attachments = UploadsField(
        label=_("Files"), required=False,
        help_text=FILES_HELP,
    )  # fmt: skip

    def __init__(self, *args: Any, uploader: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UploadsField, self.fields["attachments"]).uploader_id = uploader.pk
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx"


class FeedbackForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Are you satisfied with the answer?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("If not, why?"),
        choices=[("", "—"), *Feedback.Reason.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("satisfied") is False and not data.get("reason"):
            self.add_error("reason", _("Please choose what is wrong with the answer."))
        return data


class ActionForm(forms.Form):
    """A workflow action's form: its fields are the action's inputs (appeals.workflow)."""

    action: Action

    def __init__(self, *args: Any, appeal: Appeal, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.appeal, self.actor = appeal, actor
        for item in TRANSITIONS[self.action].inputs:
            field = self.fields[item.name]
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = input_choices(item, appeal)
            elif isinstance(field, UploadsField):
                field.uploader_id = actor.pk


def form_field(item: Input) -> forms.Field:
    """The form field of one input; the services check again what matters."""
    required, label = item.required, item.label
    match item.kind:
        case InputKind.CHOICE:
            assert item.choices is not None  # noqa: S101 - the table gives them
            return forms.ChoiceField(label=label, required=required, choices=item.choices.choices)
        case InputKind.AGENCY | InputKind.EXECUTOR | InputKind.EARLIER | InputKind.PARALLEL:
            return forms.ModelChoiceField(
                label=label, required=required, queryset=Agency.objects.none()
            )
        case InputKind.DATE:
            return forms.DateField(
                label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
            )
        case InputKind.FILES:
            return UploadsField(label=label, required=required)
        case InputKind.FLAG:
            return forms.BooleanField(label=label, required=False)
    rows = 10 if item.max_length > COMMENT_LIMIT else 3  # an answer's text, or a comment
    return forms.CharField(
        label=label,
        required=required,
        max_length=item.max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


ACTION_FORMS: dict[Action, type[ActionForm]] = {
    action: type(
        f"{action.value.title()}Form",
        (ActionForm,),
        {"action": action, **{item.name: form_field(item) for item in transition.inputs}},
    )
    for action, transition in TRANSITIONS.items()
}


class WalkInCitizenForm(forms.Form):
    """Who a walk-in citizen is, as a front-office operator takes it down: the appeal's desk
    and the reception's booking ask the same."""

    iin = forms.CharField(label=_("Citizen's IIN"), max_length=12, validators=[validate_iin])
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    document = forms.ChoiceField(
        label=_("Identity document seen"),
        choices=[("", _("None: the IIN and name are as the citizen gave them")),
                 *IdentityCheck.Document.choices],
        required=False,
        help_text=_(
            "Only if you have checked the document yourself: it proves the IIN, and what you "
            "send for the citizen then joins his own account."
        ),
    )  # fmt: skip
    email = forms.EmailField(label=_("Email (if any)"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)


class WalkInAppealForm(WalkInCitizenForm):
    """A front-office operator fills this in with a walk-in citizen."""

    appeal_type = forms.ModelChoiceField(label=_("Type"), queryset=AppealType.objects.all())
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True, parent__isnull=False)
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all())
    addressee = forms.ModelChoiceField(
        label=_("Addressee"), queryset=Agency.objects.filter(is_active=True)
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_LIMIT)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, max_length=TEXT_LIMIT)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
