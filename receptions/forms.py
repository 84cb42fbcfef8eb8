"""The public calendar's filters and the citizen's booking form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from agencies.models import Agency, Category, Region
from agencies.workdays import ALMATY
from appeals.forms import FILES_HELP, UploadsField, category_choices, chosen_topic
from core.interpolate import interpolate_lazy
from receptions.models import QUESTION_LIMIT, Meeting, Slot
from receptions.outcomes import COMMENT_LIMIT
from receptions.selectors import MeetingFilters, free_slots, today

ANY = ("", _("Any"))


def body_choices() -> list[tuple[str, Any]]:
    """Active bodies by kind, keyed by their stable code (the links stay readable)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for agency in Agency.objects.filter(is_active=True).order_by("kind", "name_ru"):
        groups.setdefault(str(agency.get_kind_display()), []).append((agency.code, agency.name))
    return [ANY, *groups.items()]


class DateInput(forms.DateInput):
    input_type = "date"


class CalendarFilterForm(forms.Form):
    """The calendar's GET form; with no dates it shows what is still to come."""

    body = forms.ChoiceField(label=_("Body"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[ANY, *Meeting.Kind.choices])
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[ANY, *Meeting.TargetGroup.choices]
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["body"]).choices = body_choices()
        regions = [(r.code, r.name) for r in Region.objects.order_by("code")]
        cast(forms.ChoiceField, self.fields["region"]).choices = [ANY, *regions]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data

    def filters(self, *, upcoming: bool = True) -> MeetingFilters:
        """The filters given and valid; with no dates and `upcoming`, from today on."""
        data = self.cleaned_data if self.is_valid() else {}
        start, end = data.get("date_from"), data.get("date_to")
        return MeetingFilters(
            body=data.get("body", ""), region=data.get("region", ""), kind=data.get("kind", ""),
            target_group=data.get("target_group", ""),
            date_from=start if start or end or not upcoming else today(), date_to=end,
        )  # fmt: skip


class SlotField(forms.ModelChoiceField[Slot]):
    def label_from_instance(self, obj: Slot) -> str:
        return time_format(timezone.localtime(obj.starts_at, ALMATY), "H:i")


class BookingForm(forms.Form):
    slot = SlotField(
        label=_("Time"),
        queryset=Slot.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a time."),
            "invalid_choice": _("This time has just been taken; please choose another."),
        },
    )
    category = forms.TypedChoiceField(
        label=_("Topic"), coerce=int, error_messages={"required": _("Choose a topic.")}
    )
    question = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your question.")},
        help_text=interpolate_lazy(_("Up to %(limit)s characters."), {"limit": QUESTION_LIMIT}),
    )
    attachments = UploadsField(label=_("Files (optional)"), required=False, help_text=FILES_HELP)

    def __init__(self, *args: Any, meeting: Meeting, uploader: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(SlotField, self.fields["slot"]).queryset = free_slots(meeting)
        cast(UploadsField, self.fields["attachments"]).uploader_id = uploader.pk
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "—"), *category_choices()]
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx"

    def clean_category(self) -> Category:
        return chosen_topic(self.cleaned_data["category"])


class QuestionRatingForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Are you satisfied with the outcome?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
