"""The access walk's rows for the body's questions to the applicant (the reply: its
applicant only; others learn nothing) and for answer templates (kept by the heads of a
body, never deleted; used by those who answer)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from appeals.models import AnswerTemplate, Appeal, Question
from appeals.questions import appeal_ask
from tests.security.access_table import Row, api, appeal, backoffice, page, to
from tests.security.access_world import APPLICANT, NOBODY, STAFF, World

IN_PROGRESS = Appeal.Status.IN_PROGRESS
ANSWERERS = frozenset({"executor", "head"})
HEADS_ANYWHERE, HEAD_HERE = frozenset({"head", "other_agency_head"}), frozenset({"head"})
TEMPLATES = "backoffice:appeals_answertemplate"
REPLY = {"text": "Квартира 12."}


def question_id(world: World) -> int:
    """A question of the body on the world's appeal, asked once per world."""
    if "question" not in world.__dict__:
        appeal_ask(appeal_id=world.appeal.pk, actor=world.people.executor,
                   kind="clarification", text="Уточните номер квартиры.")  # fmt: skip
        world.__dict__["question"] = world.appeal.questions.get().pk
    found: int = world.__dict__["question"]
    return found


def reply_url(world: World) -> str:
    return reverse("appeals:question_reply", args=[world.appeal.pk, question_id(world)])


def reply_state(world: World) -> tuple[Any, ...]:
    replies = Question.objects.filter(appeal=world.appeal).values_list("reply", "replied_at")
    return (*replies, world.appeal.attachments.count(), world.appeal.events.count())


def template_id(world: World) -> int:
    """A template of the appeal's body, in its language."""
    found, _new = AnswerTemplate.objects.get_or_create(
        agency=world.people.agency, language="ru", title="Отопление",
        defaults={"text": "По обращению {reference}: отопление включено."},
    )  # fmt: skip
    return found.pk


def template_url(view: str) -> Callable[[World], str]:
    return lambda w: reverse(f"{TEMPLATES}_{view}", args=[template_id(w)])


def template_state(world: World) -> tuple[Any, ...]:
    return tuple(AnswerTemplate.objects.order_by("pk").values_list("pk", "title", "is_active"))


def template_form(title: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {
        "agency": w.people.agency.pk, "title": title, "language": "ru", "category": "",
        "text": "Обращение {reference} рассмотрено.", "is_active": "on",
    }  # fmt: skip


EXCHANGE_ROWS: list[Row] = [
    page("appeals:question_reply", APPLICANT, url=reply_url, status=IN_PROGRESS),
    page("appeals:question_reply", APPLICANT, "POST", url=reply_url, status=IN_PROGRESS,
         data=lambda w: REPLY, effect=reply_state, lands=to("appeals:detail", appeal)),
    api("POST /api/v1/appeals/{id}/questions/{question_id}/reply/", APPLICANT,
        url=lambda w: f"/api/v1/appeals/{w.appeal.pk}/questions/{question_id(w)}/reply/",
        status=IN_PROGRESS, data=lambda w: REPLY, effect=reply_state),
    api("GET /api/v1/staff/appeals/{id}/templates/", ANSWERERS, status=IN_PROGRESS),
    *[backoffice(f"{TEMPLATES}_{view}", HEADS_ANYWHERE) for view in ("changelist", "add")],
    # A body one does not head is refused (403), not offered.
    backoffice(f"{TEMPLATES}_add", HEAD_HERE, "POST", data=template_form("Благоустройство"),
               effect=template_state, lands=to(f"{TEMPLATES}_changelist")),
    *[backoffice(f"{TEMPLATES}_{view}", allowed, url=template_url(view))
      for view, allowed in (("change", HEAD_HERE), ("history", HEAD_HERE), ("delete", NOBODY))],
    *[backoffice(f"{TEMPLATES}_{view}", allowed, "POST", url=template_url(view), data=data,
                 effect=template_state, lands=to(f"{TEMPLATES}_changelist"))
      for view, allowed, data in (("change", HEAD_HERE, template_form("Отопление зимой")),
                                  ("delete", NOBODY, lambda w: {"post": "yes"}))],
    backoffice("backoffice/appeals/answertemplate/<path:object_id>/", STAFF,
               url=lambda w: to(f"{TEMPLATES}_changelist")(w) + f"{template_id(w)}/",
               lands=template_url("change")),
    backoffice(f"{TEMPLATES}_use", ANSWERERS, status=IN_PROGRESS,
               url=to(f"{TEMPLATES}_use", template_id, appeal)),
]  # fmt: skip
