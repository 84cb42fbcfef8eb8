"""The citizen's appeal form: usable without JavaScript, nicer with it."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from agencies.models import Agency, Category, Region
from appeals.attachments import MAX_FILES, CleanFile, clean_uploads
from appeals.models import Appeal, AppealType

SUBJECT_LIMIT = 255
TEXT_LIMIT = 10_000
TEXT_MINIMUM = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def category_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Categories grouped under their parent: "category, then subcategory" in one list."""
    children = Category.objects.filter(is_active=True, parent__isnull=False).select_related(
        "parent"
    )
    groups: dict[Category, list[tuple[int, str]]] = {}
    for child in children.order_by("parent__position", "position"):
        groups.setdefault(cast(Category, child.parent), []).append((child.pk, child.name))
    return [(parent.name, options) for parent, options in groups.items()]


def agency_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    agencies = Agency.objects.filter(is_active=True).order_by("kind", "name_ru")
    groups: dict[str, list[tuple[int, str]]] = {}
    for agency in agencies:
        groups.setdefault(str(agency.get_kind_display()), []).append((agency.pk, agency.name))
    return list(groups.items())


class AppealForm(forms.Form):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    complaint_of = forms.IntegerField(widget=forms.HiddenInput, required=False)
    appeal_type = forms.ModelChoiceField(
        label=_("Type of appeal"), queryset=AppealType.objects.all(), empty_label=None
    )
    category = forms.TypedChoiceField(label=_("Topic"), coerce=int)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all())
    addressee = forms.TypedChoiceField(
        label=_("Addressee"),
        coerce=int,
        help_text=_("Proposed from the topic and region; you may choose any state body."),
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=SUBJECT_LIMIT,
        help_text=_("Up to %(limit)s characters.") % {"limit": SUBJECT_LIMIT},
    )
    text = forms.CharField(
        label=_("Text of the appeal"),
        min_length=TEXT_MINIMUM,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("From %(min)s to %(max)s characters.")
        % {"min": TEXT_MINIMUM, "max": TEXT_LIMIT},
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
    attachments = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Up to %(count)s files, each up to 10 MB: PDF, JPEG, PNG or DOCX.")
        % {"count": MAX_FILES},
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data to consider this appeal."),
        error_messages={"required": _("The appeal cannot be considered without your consent.")},
    )

    def __init__(self, *args: Any, uploader: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.uploader = uploader  # whose hourly allowance of files the attachments use
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "—"), *category_choices()]
        cast(forms.ChoiceField, self.fields["addressee"]).choices = [("", "—"), *agency_choices()]
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx"

    def clean_category(self) -> Category:
        try:
            return Category.objects.get(pk=self.cleaned_data["category"], is_active=True)
        except Category.DoesNotExist:
            raise ValidationError(_("Choose a topic from the list.")) from None

    def clean_addressee(self) -> Agency:
        try:
            return Agency.objects.get(pk=self.cleaned_data["addressee"], is_active=True)
        except Agency.DoesNotExist:
            raise ValidationError(_("Choose a state body from the list.")) from None

    def clean_attachments(self) -> list[CleanFile]:
        files = self.cleaned_data.get("attachments") or []
        return clean_uploads(files, uploader_id=self.uploader.pk)

    def clean_complaint_of(self) -> Appeal | None:
        pk = self.cleaned_data.get("complaint_of")
        return Appeal.objects.filter(pk=pk).first() if pk else None

    @classmethod
    def fresh_key(cls) -> uuid.UUID:
        return uuid.uuid4()
