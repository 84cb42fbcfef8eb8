"""The forms of recording a held meeting's questions: one row per booked question, and
blank rows for questions from the floor, many at a time (receptions/backoffice/recording.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import validate_iin
from accounts.models import Membership, User
from agencies.models import Agency, Category
from appeals.forms import agency_choices, category_choices
from appeals.from_meeting import control_latest_due
from appeals.selectors import AGENCY_TREE_DEPTH
from core.interpolate import interpolate_lazy
from receptions.models import QUESTION_LIMIT, Meeting, Question
from receptions.outcomes import ControlOrder, QuestionRow

Outcome = Question.Outcome
Choices = list[tuple[Any, Any]]
# At most this many rows in one submission; "add more rows" grows the form by STEP.
MAX_ROWS, STEP = 50, 5


@dataclass(frozen=True)
class RowChoices:
    """The choices of every row, read once per page."""

    categories: Choices
    agencies: Choices
    executors: Choices
    latest_due: datetime.date


def _tree(agency_id: int) -> set[int]:
    ids, level = {agency_id}, {agency_id}
    for _level in range(AGENCY_TREE_DEPTH):
        level = set(Agency.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        ids |= level
    return ids


def row_choices(meeting: Meeting) -> RowChoices:
    """Executors offered for control: of the meeting's body and the bodies under it, and of
    the bodies of the meeting's region (the competent body is usually among them)."""
    ids = _tree(meeting.agency_id) | set(
        Agency.objects.filter(region_id=meeting.region_id).values_list("pk", flat=True)
    )
    members = Membership.objects.filter(
        agency_id__in=ids, agency__is_active=True, role=Membership.Role.EXECUTOR,
        is_active=True, user__is_active=True,
    ).select_related("agency", "user").order_by("agency__name_ru", "user__full_name")  # fmt: skip
    groups: dict[str, Choices] = {}
    for member in members:
        groups.setdefault(member.agency.name, []).append((member.user_id, member.user.full_name))
    return RowChoices(
        categories=[("", "—"), *category_choices()],
        agencies=agency_choices(),
        executors=[("", "—"), *groups.items()],
        latest_due=control_latest_due(),
    )


class RowForm(forms.Form):
    """What every row has: the topic, the outcome and what follows from it."""

    category = forms.TypedChoiceField(label=_("Topic"), coerce=int)
    locality = forms.CharField(label=_("District or settlement"), max_length=200, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices])
    outcome_note = forms.CharField(
        label=_("What was decided (optional)"), max_length=QUESTION_LIMIT, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    forwarded_to = forms.TypedChoiceField(
        label=_("Forwarded to"), coerce=int, required=False,
        help_text=_("Only for a forwarded question."),
    )  # fmt: skip
    control_agency = forms.TypedChoiceField(
        label=_("Competent body (under control)"), coerce=int, required=False,
        help_text=_("Empty: the body the routing rules name for the topic and region."),
    )  # fmt: skip
    control_executor = forms.TypedChoiceField(
        label=_("Executor (under control)"), coerce=int, required=False
    )
    control_due = forms.DateField(
        label=_("Deadline (under control)"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    control_subject = forms.CharField(
        label=_("Subject of the appeal (under control, optional)"), max_length=255, required=False
    )

    def __init__(self, *args: Any, choices: RowChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        fields = cast(dict[str, forms.ChoiceField], self.fields)
        fields["category"].choices = choices.categories
        fields["forwarded_to"].choices = [("", "—"), *choices.agencies]
        fields["control_agency"].choices = [("", "—"), *choices.agencies]
        fields["control_executor"].choices = choices.executors
        self.fields["control_due"].help_text = interpolate_lazy(
            _("Empty: %(date)s, the legal period of an appeal; not later."),
            {"date": date_format(choices.latest_due, "DATE_FORMAT")},
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome = data.get("outcome")
        if outcome == Outcome.FORWARDED and not data.get("forwarded_to"):
            self.add_error("forwarded_to", _("Choose the body the question is forwarded to."))
        if outcome == Outcome.CONTROL and not data.get("control_executor"):
            self.add_error("control_executor", _("Choose the executor of the control."))
        return data

    def row(self, **extra: Any) -> QuestionRow:
        """The cleaned row, for receptions.outcomes.questions_record."""
        data = self.cleaned_data
        outcome = data["outcome"]
        forwarded = data.get("forwarded_to") if outcome == Outcome.FORWARDED else None
        return QuestionRow(
            category=Category.objects.get(pk=data["category"]), outcome=outcome,
            locality=data.get("locality", ""), outcome_note=data.get("outcome_note", ""),
            forwarded_to=Agency.objects.filter(pk=forwarded).first() if forwarded else None,
            control=self._control() if outcome == Outcome.CONTROL else None, **extra,
        )  # fmt: skip

    def _control(self) -> ControlOrder:
        data = self.cleaned_data
        agency_id = data.get("control_agency")
        return ControlOrder(
            executor=User.objects.get(pk=data["control_executor"]),
            due=data.get("control_due") or self.choices.latest_due,
            agency=Agency.objects.filter(pk=agency_id).first() if agency_id else None,
            subject=data.get("control_subject", ""),
        )


class BookedRowForm(RowForm):
    """A booked question: its citizen and text come from the booking; no outcome, no row."""

    booking = forms.IntegerField(widget=forms.HiddenInput)
    field_order = ["booking", "category", "outcome"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = False


class FloorRowForm(RowForm):
    """A question from the floor; the citizen's IIN and name only if he gave them."""

    text = forms.CharField(
        label=_("Question (optional)"), max_length=QUESTION_LIMIT, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    iin = forms.CharField(
        label=_("Citizen's IIN (optional)"), max_length=12, required=False,
        validators=[validate_iin],
    )  # fmt: skip
    full_name = forms.CharField(label=_("Citizen's full name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Citizen's phone (optional)"), max_length=20, required=False)
    field_order = ["category", "locality", "text", "outcome", "outcome_note", "iin", "full_name"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        named = [bool(data.get("iin")), bool((data.get("full_name") or "").strip())]
        if any(named) and not all(named):
            self.add_error("full_name", _("Give both the IIN and the full name, or neither."))
        if data.get("outcome") == Outcome.CONTROL:
            if not all(named):
                self.add_error("iin", _("Under control needs the citizen: his IIN and name."))
            if not (data.get("text") or "").strip():
                self.add_error("text", _("Under control needs the question's text."))
        return data

    def row(self, **extra: Any) -> QuestionRow:
        data = self.cleaned_data
        return super().row(
            text=data.get("text", ""), iin=data.get("iin", ""),
            full_name=data.get("full_name", ""), phone=data.get("phone", ""), **extra,
        )  # fmt: skip


class BaseRows(forms.BaseFormSet[RowForm]):
    """Rows that were left blank are skipped; booked rows without an outcome too."""

    def filled(self) -> list[QuestionRow]:
        rows = []
        for form in self.forms:
            if not form.has_changed() and not isinstance(form, BookedRowForm):
                continue
            if not form.cleaned_data.get("outcome"):
                continue
            extra = (
                {"booking_id": form.cleaned_data["booking"]}
                if isinstance(form, BookedRowForm)
                else {}
            )
            rows.append(form.row(**extra))
        return rows


BookedRows = cast(
    type[BaseRows],
    forms.formset_factory(
        BookedRowForm, formset=BaseRows, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS
    ),
)
FloorRows = cast(
    type[BaseRows],
    forms.formset_factory(
        FloorRowForm, formset=BaseRows, extra=STEP, max_num=MAX_ROWS, absolute_max=MAX_ROWS
    ),
)
