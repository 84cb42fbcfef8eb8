"""Every workflow action × every role: who may and who may not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from appeals.models import Appeal
from appeals.services import (
    appeal_answer,
    appeal_assign,
    appeal_extend,
    appeal_forward,
    appeal_register,
    appeal_terminate,
    appeal_withdraw,
    extension_limit,
)
from core.refusals import ActionRefused
from tests.conftest import People

pytestmark = pytest.mark.django_db
Status = Appeal.Status

ROLES = [
    "citizen", "other_citizen", "registrar", "executor", "head", "controller", "front_office",
    "other_agency_head", "anonymous",
]  # fmt: skip


def _extend_until(appeal: Appeal) -> Any:
    import datetime

    until = extension_limit(appeal)
    while until.weekday() >= 5:
        until -= datetime.timedelta(days=1)
    return until


# action: (status the appeal is in, the call, roles that may)
ACTIONS: dict[str, tuple[str, Callable[[Appeal, Any, People], Appeal], set[str]]] = {
    "register": (
        Status.SUBMITTED,
        lambda a, who, p: appeal_register(appeal_id=a.pk, actor=who),
        {"registrar", "head"},
    ),
    "forward": (
        Status.REGISTERED,
        lambda a, who, p: appeal_forward(
            appeal_id=a.pk, actor=who, to_agency=p.other_agency, reason="Не по адресу"
        ),
        {"registrar", "head"},
    ),
    "assign": (
        Status.REGISTERED,
        lambda a, who, p: appeal_assign(appeal_id=a.pk, actor=who, executor=p.executor),
        {"head"},
    ),
    "answer": (
        Status.IN_PROGRESS,
        lambda a, who, p: appeal_answer(
            appeal_id=a.pk, actor=who, kind="explained", text="Ответ", override_warnings=True
        ),
        {"executor", "head"},
    ),
    "extend": (
        Status.IN_PROGRESS,
        lambda a, who, p: appeal_extend(
            appeal_id=a.pk, actor=who, until=_extend_until(a), reason="Экспертиза"
        ),
        {"head"},
    ),
    "terminate": (
        Status.REGISTERED,
        lambda a, who, p: appeal_terminate(appeal_id=a.pk, actor=who, reason="no_substance"),
        {"head"},
    ),
    "withdraw": (
        Status.REGISTERED,
        lambda a, who, p: appeal_withdraw(appeal_id=a.pk, actor=who, comment="Решено"),
        {"citizen"},
    ),
}
CASES = [
    pytest.param(action, role, role in allowed, id=f"{action}-{role}")
    for action, (_, _, allowed) in ACTIONS.items()
    for role in ROLES
]


@pytest.mark.parametrize(("action", "role", "allowed"), CASES)
def test_action_by_role(
    people: People, appeal_in: Callable[[str], Appeal], action: str, role: str, allowed: bool
) -> None:
    status, call, _ = ACTIONS[action]
    appeal = appeal_in(status)
    events_before = appeal.events.count()
    who = AnonymousUser() if role == "anonymous" else getattr(people, role)
    if allowed:
        call(appeal, who, people)
        assert appeal.events.count() == events_before + 1
    else:
        with pytest.raises(ActionRefused):
            call(appeal, who, people)
        assert appeal.events.count() == events_before
