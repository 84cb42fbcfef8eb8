"""The citizen's petition form. The rules are the services' (petitions/filing.py): the form
only offers what they accept and says plainly what is missing."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from agencies.models import Agency, Category
from appeals.forms import FILES_HELP, UploadsField, category_choices, chosen_topic
from core.interpolate import interpolate_lazy
from petitions.levels import addressable_bodies
from petitions.models import DEMAND_LIMIT, TEXT_LIMIT, TITLE_LIMIT, ExcludedSubject


def addressee_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The bodies a petition may go to, grouped by their level, by name within it."""
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    order: dict[int, tuple[int, str]] = {}
    for agency, level in addressable_bodies():
        groups.setdefault(level.pk, (level.name, []))[1].append((agency.pk, agency.name))
        order[level.pk] = (level.position, level.code)
    return [groups[pk] for pk in sorted(groups, key=order.__getitem__)]


def up_to(limit: int) -> Any:
    return interpolate_lazy(_("Up to %(limit)s characters."), {"limit": limit})


class PetitionForm(forms.Form):
    addressee = forms.TypedChoiceField(
        label=_("To whom"),
        coerce=int,
        error_messages={
            "required": _("Choose the body the petition is addressed to."),
            "invalid_choice": _("Choose a body from the list: petitions cannot go to this one."),
        },
    )
    category = forms.TypedChoiceField(
        label=_("Topic"),
        coerce=int,
        error_messages={
            "required": _("Choose a topic."),
            "invalid_choice": _("Choose a topic from the list."),
        },
    )
    title = forms.CharField(
        label=_("Title"), max_length=TITLE_LIMIT, help_text=up_to(TITLE_LIMIT),
        error_messages={"required": _("Write the petition's title.")},
    )  # fmt: skip
    text = forms.CharField(
        label=_("Text of the petition"), max_length=TEXT_LIMIT, help_text=up_to(TEXT_LIMIT),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write the text of the petition.")},
    )  # fmt: skip
    demand = forms.CharField(
        label=_("What the petition asks for"), max_length=DEMAND_LIMIT,
        help_text=up_to(DEMAND_LIMIT), widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what the petition asks for.")},
    )  # fmt: skip
    attachments = UploadsField(label=_("Files (optional)"), required=False, help_text=FILES_HELP)
    not_excluded = forms.BooleanField(
        label=_("I confirm the petition is about none of these subjects"),
        error_messages={
            "required": _("Confirm that the petition is not about an excluded subject.")
        },
    )

    def __init__(self, *args: Any, uploader: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UploadsField, self.fields["attachments"]).uploader_id = uploader.pk
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx"
        fields = cast(dict[str, forms.ChoiceField], self.fields)
        fields["addressee"].choices = [("", "—"), *addressee_choices()]
        fields["category"].choices = [("", "—"), *category_choices()]
        # Shown above the confirmation, which names them.
        self.excluded_subjects = list(ExcludedSubject.objects.filter(is_active=True))

    def clean_addressee(self) -> Agency:
        # The choices held only bodies with a level; the service checks it again.
        return Agency.objects.select_related("parent", "region").get(
            pk=self.cleaned_data["addressee"]
        )

    def clean_category(self) -> Category:
        return chosen_topic(self.cleaned_data["category"])
