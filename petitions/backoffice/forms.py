"""The back-office's forms of petitions: refuse at moderation, answer, review a flag. What
makes them acceptable is the services' to say (petitions/moderation.py, answering.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from petitions.answering import DECISION_LIMIT
from petitions.models import ExcludedSubject, Petition, PetitionFlag

REASON_LIMIT = 5000


class RefuseForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground of the refusal"), choices=[("", "—"), *Petition.RefusalGround.choices]
    )
    excluded_subject = forms.ModelChoiceField(
        label=_("Excluded subject"),
        queryset=ExcludedSubject.objects.filter(is_active=True),
        required=False,
        help_text=_("Only when the ground is an excluded subject."),
    )
    reason = forms.CharField(
        label=_("Reasons of the refusal"), max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The author is sent them with the refusal."),
    )  # fmt: skip


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Petition.Outcome.choices])
    decision = forms.CharField(
        label=_("Decision taken"), max_length=DECISION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Published on the petition's page and sent to every signer."),
    )  # fmt: skip


class FlagReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=PetitionFlag._meta.get_field("review_note").max_length,
    )
