"""The back-office's forms of a cluster: its answer as a whole, a proposal to change a
rule, and a proposal's next step."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from appeals.forms import FILES_HELP, UploadsField
from appeals.models import TEXT_LIMIT, Appeal
from listening.models import ProblemCluster, RuleChange
from listening.proposals import NEXT

STATUS_FILTERS = [("", _("Any status")), *ProblemCluster.Status.choices]


class ClusterFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTERS, required=False)
    category = forms.TypedChoiceField(label=_("Topic"), coerce=int, required=False)

    def __init__(self, *args: Any, categories: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["category"])
        field.choices = [("", _("Any topic")), *categories]


class ClusterAnswerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Answer"), choices=Appeal.AnswerKind.choices)
    text = forms.CharField(
        label=_("Text of the answer"), max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Every applicant of an appeal answered gets this text, as the answer to "
                    "their own appeal."),
    )  # fmt: skip
    attachments = UploadsField(label=_("Files"), required=False, help_text=FILES_HELP)

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UploadsField, self.fields["attachments"]).uploader_id = actor.pk


class ProposalForm(forms.Form):
    proposal = forms.CharField(
        label=_("The change of rules proposed"), max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Which rule, act or practice causes the problem, and what should change."),
    )  # fmt: skip


class MoveForm(forms.Form):
    status = forms.ChoiceField(label=_("Next step"))
    outcome = forms.CharField(
        label=_("Outcome"), max_length=TEXT_LIMIT, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required once adopted or rejected: what was decided, and by whom."),
    )  # fmt: skip
    decided_on = forms.DateField(
        label=_("Day of the decision"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Today when left empty."),
    )  # fmt: skip

    def __init__(self, *args: Any, change: RuleChange, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(RuleChange.Status.choices)
        field = cast(forms.ChoiceField, self.fields["status"])
        field.choices = [(value, labels[value]) for value in NEXT[change.status]]
