"""A body's answer templates: placeholders, which templates an appeal may use, the heads'
pages that keep them, and their use in the answer form and the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from agencies.models import Category
from appeals.answer_gate import AnswerWarned
from appeals.answer_templates import check_placeholders, render_template, templates_for
from appeals.models import AnswerTemplate, Appeal
from appeals.services import appeal_answer
from tests.conftest import People, client_for
from tests.factories import api_token

pytestmark = pytest.mark.django_db
AppealIn = Callable[[str], Appeal]
TEMPLATE_TEXT = (
    "Уважаемый(ая) {applicant}! По обращению {reference} от {received} сообщаем: подача "
    "отопления в дом восстановлена 20 ноября, температура проверена комиссией акимата."
)
ADD = reverse("backoffice:appeals_answertemplate_add")
LIST = reverse("backoffice:appeals_answertemplate_changelist")


@pytest.fixture
def appeal(appeal_in: AppealIn) -> Appeal:
    return appeal_in(Appeal.Status.IN_PROGRESS)


def template(people: People, text: str = "Ответ на {reference}.", **fields: Any) -> AnswerTemplate:
    values = {"agency": people.agency, "language": "ru", "title": "Общий", "text": text, **fields}
    return AnswerTemplate.objects.create(**values)


def use_url(chosen: AnswerTemplate, appeal: Appeal) -> str:
    return reverse("backoffice:appeals_answertemplate_use", args=[chosen.pk, appeal.pk])


def answer_form(appeal: Appeal) -> str:
    return reverse("backoffice:appeals_appeal_act", args=[appeal.pk, "answer"])


def api_as(user: Any) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {api_token(user)}", HTTP_ACCEPT_LANGUAGE="en")


def form_data(people: People, **fields: str) -> dict[str, Any]:
    return {
        "agency": people.agency.pk, "title": "Отопление", "language": "ru", "category": "",
        "text": "Обращение {reference} от {received}: ответ до {due}.", "is_active": "on",
        **fields,
    }  # fmt: skip


# --- Placeholders ----------------------------------------------------------------------------


def test_every_placeholder_is_filled_from_the_appeal(appeal: Appeal, people: People) -> None:
    chosen = template(
        people, "{reference}|{received}|{subject}|{applicant}|{agency}|{executor}|{due}"
    )
    day = timezone.localtime(appeal.received_at).strftime("%d.%m.%Y")
    due = timezone.localtime(appeal.due_at).strftime("%d.%m.%Y")
    assert render_template(chosen, appeal).split("|") == [
        appeal.reference, day, appeal.subject, people.citizen.full_name,
        people.agency.name_ru, people.executor.full_name, due,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text", ["{number}", "{reference.__class__}", "{0}", "{applicant.password}", "{ due }"]
)
def test_unknown_placeholders_are_refused_with_their_names(text: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        check_placeholders(f"Ответ {text}")
    message = refused.value.messages[0]
    assert text in message and "{reference}" in message


def test_braces_that_name_nothing_stay_as_typed(appeal: Appeal, people: People) -> None:
    # Saved before a placeholder was renamed: shown as it is, never evaluated.
    chosen = template(people, "{reference.__class__} {reference}")
    assert render_template(chosen, appeal) == f"{{reference.__class__}} {appeal.reference}"


def test_the_body_is_named_in_the_templates_language(appeal: Appeal, people: People) -> None:
    chosen = template(people, "{agency}", language="kk")
    assert render_template(chosen, appeal) == people.agency.name_kk


# --- Which templates an appeal may use -------------------------------------------------------


def test_active_templates_of_the_body_in_the_appeals_language_topic_first(
    appeal: Appeal, people: People
) -> None:
    other_topic = Category.objects.exclude(pk=appeal.category_id).filter(parent__isnull=False)[0]
    general = template(people, title="А общий")
    topical = template(people, title="Я по теме", category=appeal.category)
    group = template(people, title="Б группа", category=appeal.category.parent)
    elsewhere = template(people, title="В другое", category=other_topic)
    template(people, title="Выключен", is_active=False)
    template(people, title="Казахский", language="kk")
    template(people, title="Чужой", agency=people.other_agency)
    assert list(templates_for(appeal)) == [topical, group, general, elsewhere]


# --- The heads' pages ------------------------------------------------------------------------


def test_a_head_adds_a_template_for_their_body(people: People) -> None:
    response = client_for(people.head).post(ADD, form_data(people))
    assert response.status_code == 302
    added = AnswerTemplate.objects.get()
    assert (added.agency, added.title, added.is_active) == (people.agency, "Отопление", True)


def test_an_unknown_placeholder_is_refused_on_save(people: People) -> None:
    response = client_for(people.head).post(
        ADD, form_data(people, text="Ответ {nomer}"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Unknown placeholders: {nomer}" in response.content.decode()
    assert not AnswerTemplate.objects.exists()


def test_a_head_is_offered_only_their_bodies(people: People) -> None:
    form = client_for(people.head).get(ADD).context["adminform"].form
    assert list(form.fields["agency"].queryset) == [people.agency]


def test_a_head_cannot_write_for_another_body(people: People) -> None:
    data = form_data(people, agency=str(people.other_agency.pk))
    assert client_for(people.head).post(ADD, data).status_code == 403
    assert not AnswerTemplate.objects.exists()


def test_a_head_sees_only_their_bodies_templates(people: People) -> None:
    own = template(people)
    foreign = template(people, agency=people.other_agency, title="Чужой")
    head = client_for(people.head)
    assert list(head.get(LIST).context["cl"].result_list) == [own]
    change = reverse("backoffice:appeals_answertemplate_change", args=[foreign.pk])
    assert head.get(change).status_code == 302  # "no such template", back to the index
    data = form_data(people, agency=str(people.other_agency.pk), title="Захвачен")
    assert head.post(change, data).status_code == 403
    foreign.refresh_from_db()
    assert foreign.title == "Чужой"


def test_templates_are_taken_out_of_use_never_deleted(people: People) -> None:
    own = template(people)
    head = client_for(people.head)
    delete = reverse("backoffice:appeals_answertemplate_delete", args=[own.pk])
    assert head.post(delete, {"post": "yes"}).status_code == 403
    data = {"action": "take_out_of_use", "_selected_action": [own.pk]}
    assert head.post(LIST, data).status_code == 302
    own.refresh_from_db()
    assert not own.is_active


@pytest.mark.parametrize("role", ["registrar", "executor", "controller", "front_office"])
def test_staff_who_head_nothing_do_not_keep_templates(people: People, role: str) -> None:
    staff = client_for(getattr(people, role))
    assert staff.get(LIST).status_code == 403
    assert staff.post(ADD, form_data(people)).status_code == 403
    assert not AnswerTemplate.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "citizen"])
def test_citizens_are_sent_to_the_back_office_login(people: People, who: str) -> None:
    visitor = Client() if who == "anonymous" else client_for(people.citizen)
    response = visitor.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith("/backoffice/login/")


# --- Using a template ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["executor", "head"])
def test_those_who_answer_get_it_filled_in(appeal: Appeal, people: People, role: str) -> None:
    chosen = template(people)
    response = client_for(getattr(people, role)).get(use_url(chosen, appeal))
    assert response.json() == {"text": f"Ответ на {appeal.reference}."}


@pytest.mark.parametrize("role", ["registrar", "controller", "front_office", "other_agency_head"])
def test_others_get_nothing(appeal: Appeal, people: People, role: str) -> None:
    chosen = template(people)
    assert client_for(getattr(people, role)).get(use_url(chosen, appeal)).status_code == 404


def test_an_inactive_or_foreign_template_is_not_found(appeal: Appeal, people: People) -> None:
    executor = client_for(people.executor)
    inactive = template(people, is_active=False)
    foreign = template(people, agency=people.other_agency, title="Чужой")
    assert executor.get(use_url(inactive, appeal)).status_code == 404
    assert executor.get(use_url(foreign, appeal)).status_code == 404


def test_the_answer_form_offers_templates_and_fills_in_without_a_script(
    appeal: Appeal, people: People
) -> None:
    chosen = template(people)
    executor = client_for(people.executor)
    offered = executor.get(answer_form(appeal)).content.decode()
    assert f'<option value="{chosen.pk}">Общий</option>' in offered
    filled = executor.get(answer_form(appeal) + f"?template={chosen.pk}")
    assert filled.context["form"]["text"].value() == f"Ответ на {appeal.reference}."


def test_a_foreign_template_fills_in_nothing(appeal: Appeal, people: People) -> None:
    foreign = template(people, agency=people.other_agency, title="Чужой")
    filled = client_for(people.executor).get(answer_form(appeal) + f"?template={foreign.pk}")
    assert not filled.context["form"]["text"].value()


def test_markup_in_a_template_is_shown_as_text(appeal: Appeal, people: People) -> None:
    chosen = template(people, "<script>alert(1)</script>{reference}", title="<b>Жирный</b>")
    content = (
        client_for(people.executor)
        .get(answer_form(appeal) + f"?template={chosen.pk}")
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in content and "<b>Жирный</b>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_the_near_copy_warning_applies_to_a_templates_answers(
    appeal_in: AppealIn, people: People
) -> None:
    chosen = template(people, TEMPLATE_TEXT)
    first, second = appeal_in(Appeal.Status.IN_PROGRESS), appeal_in(Appeal.Status.IN_PROGRESS)
    appeal_answer(
        appeal_id=first.pk, actor=people.executor, kind="satisfied",
        text=render_template(chosen, first), override_warnings=True,
    )  # fmt: skip
    with pytest.raises(AnswerWarned) as warned:
        appeal_answer(
            appeal_id=second.pk, actor=people.executor, kind="satisfied",
            text=render_template(chosen, second),
        )  # fmt: skip
    assert "near_copy" in {finding.code for finding in warned.value.check.warnings}
    second.refresh_from_db()
    assert second.status == Appeal.Status.IN_PROGRESS


# --- The API ---------------------------------------------------------------------------------


def test_the_api_lists_the_templates_filled_in(appeal: Appeal, people: People) -> None:
    template(people, title="Б", category=None)
    template(people, "По теме: {subject}", title="А", category=appeal.category)
    template(people, title="Выключен", is_active=False)
    response = api_as(people.executor).get(f"/api/v1/staff/appeals/{appeal.pk}/templates/")
    assert response.status_code == 200
    body = response.json()
    assert [(t["title"], t["text"]) for t in body] == [
        ("А", f"По теме: {appeal.subject}"), ("Б", f"Ответ на {appeal.reference}."),
    ]  # fmt: skip
    assert body[0]["category"] == appeal.category.code and body[1]["category"] is None


@pytest.mark.parametrize(
    ("role", "status"),
    [("controller", 403), ("registrar", 403), ("other_agency_head", 404), ("citizen", 403)],
)
def test_the_api_refuses_those_who_do_not_answer(
    appeal: Appeal, people: People, role: str, status: int
) -> None:
    template(people)
    response = api_as(getattr(people, role)).get(f"/api/v1/staff/appeals/{appeal.pk}/templates/")
    assert response.status_code == status
    assert "error" in response.json()


def test_the_api_asks_anonymous_visitors_to_log_in(appeal: Appeal) -> None:
    assert APIClient().get(f"/api/v1/staff/appeals/{appeal.pk}/templates/").status_code == 401
