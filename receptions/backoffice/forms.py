"""The back-office's forms of meetings: announce, held or not, the walk-in's booking."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.formats import time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from agencies.models import Agency, Category, Region
from appeals.forms import FILES_HELP, UploadsField, WalkInCitizenForm, category_choices
from receptions.models import QUESTION_LIMIT, Meeting, Slot

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AnnounceForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Body"), queryset=Agency.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    official_name = forms.CharField(label=_("Official's name"), max_length=200)
    official_post = forms.CharField(label=_("Official's post"), max_length=200, required=False)
    official = forms.ModelChoiceField(
        label=_("Official's account (if any)"), queryset=User.objects.none(), required=False
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all())
    locality = forms.CharField(label=_("District or settlement"), max_length=200, required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    video_link = forms.URLField(
        label=_("Video link (online)"), max_length=500, required=False, assume_scheme="https"
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=[("", "—"), *Meeting.TargetGroup.choices], required=False
    )
    topics = forms.CharField(
        label=_("Topics"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=MOMENT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=MOMENT)
    slot_minutes = forms.IntegerField(
        label=_("One booked time, minutes"), min_value=1, max_value=600, required=False,
        help_text=_("For receptions citizens book: personal, visiting and online."),
    )  # fmt: skip

    def __init__(self, *args: Any, agency_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = Agency.objects.filter(pk__in=agency_ids, is_active=True).order_by("name_ru")
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = bodies
        officials = User.objects.filter(
            memberships__agency_id__in=agency_ids, memberships__is_active=True, is_active=True
        ).distinct()
        cast(forms.ModelChoiceField, self.fields["official"]).queryset = officials.order_by(
            "full_name"
        )


class HeldForm(forms.Form):
    attendance = forms.IntegerField(
        label=_("People present"), min_value=0, max_value=1_000_000, required=False
    )


class NotHeldForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it was not held"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published on the calendar beside the meeting."),
    )  # fmt: skip


class WalkInBookingForm(WalkInCitizenForm):
    """A front-office operator books a reception for a citizen who came in person."""

    slot_id = forms.TypedChoiceField(label=_("Time"), coerce=int)
    category = forms.TypedChoiceField(label=_("Topic"), coerce=int)
    question = forms.CharField(
        label=_("Question"), max_length=QUESTION_LIMIT, widget=forms.Textarea(attrs={"rows": 5})
    )
    attachments = UploadsField(label=_("Files"), required=False, help_text=FILES_HELP)

    def __init__(self, *args: Any, meeting: Meeting, operator: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        free = Slot.objects.filter(meeting=meeting).exclude(bookings__status="active")
        times = [
            (slot.pk, time_format(localtime(slot.starts_at))) for slot in free.order_by("starts_at")
        ]
        cast(forms.ChoiceField, self.fields["slot_id"]).choices = [("", "—"), *times]
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "—"), *category_choices()]
        cast(UploadsField, self.fields["attachments"]).uploader_id = operator.pk

    def clean_category(self) -> Category:
        category = Category.objects.filter(pk=self.cleaned_data["category"]).first()
        if category is None:
            raise forms.ValidationError(_("Choose a topic."))
        return category
