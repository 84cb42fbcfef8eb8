"""The near-copy rule on the database: the earlier answers of the same body only, never the
appeal itself, and a query that runs out of time gives no warning instead of an error."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import translation

from agencies.models import Agency
from appeals.answer_check import answer_check
from appeals.answer_similarity import nearest_answer
from appeals.models import Appeal
from tests.factories import AnsweredAppealFactory

pytestmark = pytest.mark.django_db

EARLIER = (
    "Рассмотрев Ваше обращение о ремонте кровли дома № 12 по улице Абая, сообщаем, что "
    "работы по текущему ремонту кровли включены в план на 2026 год. Подрядная организация "
    "ТОО «СтройСервис» приступит к работам 15 мая 2026 года, срок окончания 30 июня 2026 года. "
    "Контроль за ходом работ возложен на отдел жилищного хозяйства, исполнитель Ахметов А."
)
COPY = EARLIER.replace("№ 12 по улице Абая", "№ 45 по улице Сатпаева").replace(
    "Ахметов А.", "Касымова Д."
)


def test_it_finds_a_copy_of_an_earlier_answer_with_its_reference() -> None:
    earlier = AnsweredAppealFactory.create(answer_text=EARLIER)
    appeal = AnsweredAppealFactory.create(status=Appeal.Status.IN_PROGRESS, answer_text="")
    near = nearest_answer(appeal, COPY)
    assert near is not None and near.reference == earlier.reference
    assert near.similarity >= 0.8


def test_it_ignores_other_bodies_answers() -> None:
    AnsweredAppealFactory.create(answer_text=EARLIER)
    other = Agency.objects.get(code="akimat-kz-71")
    appeal = AnsweredAppealFactory.create(agency=other, status=Appeal.Status.IN_PROGRESS)
    assert nearest_answer(appeal, COPY) is None


def test_it_ignores_the_appeal_itself() -> None:
    appeal = AnsweredAppealFactory.create(answer_text=EARLIER)
    assert nearest_answer(appeal, COPY) is None


def test_the_warning_names_the_earlier_reference_and_the_share() -> None:
    earlier = AnsweredAppealFactory.create(answer_text=EARLIER)
    appeal = AnsweredAppealFactory.create(status=Appeal.Status.IN_PROGRESS, answer_text="")
    with translation.override("en"):
        check = answer_check(appeal, Appeal.AnswerKind.EXPLAINED, COPY)
    (finding,) = [w for w in check.warnings if w.code == "near_copy"]
    assert earlier.reference in str(finding.message)
    assert "%" in str(finding.message)


@override_settings(NEAR_COPY_SIMILARITY=0.99)
def test_the_threshold_comes_from_the_settings() -> None:
    AnsweredAppealFactory.create(answer_text=EARLIER)
    appeal = AnsweredAppealFactory.create(status=Appeal.Status.IN_PROGRESS, answer_text="")
    assert nearest_answer(appeal, COPY) is None


def test_a_query_out_of_time_gives_no_warning_and_leaves_the_transaction_usable(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    AnsweredAppealFactory.create(answer_text=EARLIER)
    appeal = AnsweredAppealFactory.create(status=Appeal.Status.IN_PROGRESS, answer_text="")
    monkeypatch.setattr("appeals.answer_similarity.NEAREST", "SELECT pg_sleep(1), 1.0")
    monkeypatch.setattr("appeals.answer_similarity.TIMEOUT_MS", 50)
    assert nearest_answer(appeal, COPY) is None
    assert "gave up" in caplog.text
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout')")
        assert cursor.fetchone()[0] != "50ms"
    assert Appeal.objects.filter(pk=appeal.pk).exists()
