"""The long lists' select (core.widgets.ListedSelect): Django's markup byte for byte,
whether a list is written afresh or taken as written before with its choice marked."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.utils import translation

from agencies.models import Region
from appeals.forms import AppealForm, category_choices
from core import widgets
from tests.conftest import People

CHOICES: list[Any] = [
    ("", "—"),
    ("Жильё & <быт>", [(1, 'Отопление "зимой"'), (2, "Вода")]),
    ("Дороги", [(3, "Ямы"), (10, "Свет")]),
    (4, "Без группы"),
]


@pytest.mark.parametrize("value", [None, "", 1, "1", 3, 10, "10", 4, 99, "x\"'<", [2]])
def test_the_options_are_djangos_with_the_same_choice_marked(value: Any) -> None:
    widgets._WRITTEN.clear()
    django_made = forms.Select(choices=CHOICES).render("topic", value)
    first = widgets.ListedSelect(choices=CHOICES).render("topic", value)  # written now
    again = widgets.ListedSelect(choices=CHOICES).render("topic", value)  # as written before
    assert first == django_made
    assert again == django_made


def test_each_choice_is_marked_on_the_list_written_once() -> None:
    widgets._WRITTEN.clear()
    for value in (3, 1, None, 10):
        assert widgets.ListedSelect(choices=CHOICES).render("t", value) == forms.Select(
            choices=CHOICES
        ).render("t", value)
    assert len(widgets._WRITTEN) == 1


def test_a_changed_list_is_written_again() -> None:
    widgets._WRITTEN.clear()
    widgets.ListedSelect(choices=CHOICES).render("t", 1)
    renamed = [*CHOICES[:3], (4, "Другое")]
    assert "Другое" in widgets.ListedSelect(choices=renamed).render("t", 1)
    assert len(widgets._WRITTEN) == 2


@pytest.mark.django_db
def test_the_appeal_forms_lists_are_djangos_in_each_language(people: People) -> None:
    topic = category_choices()[1][1][0][0]
    for language in ("ru", "kk", "en"):
        with translation.override(language):
            for value in (None, topic):
                form = AppealForm(initial={"category": value}, uploader=people.citizen)
                field: Any = form.fields["category"]
                made = forms.Select(choices=field.choices).render("category", value)
                shown = str(form["category"])
                assert made.split(">", 1)[1] == shown.split(">", 1)[1]  # the options


@pytest.mark.django_db
def test_a_list_from_a_queryset_is_read_once(django_assert_num_queries: Any) -> None:
    regions = Region.objects.order_by("code")
    field: Any = forms.ModelChoiceField(regions, widget=widgets.ListedSelect)
    with django_assert_num_queries(1):
        shown = field.widget.render("region", None)
    assert shown == forms.Select(choices=field.choices).render("region", None)
