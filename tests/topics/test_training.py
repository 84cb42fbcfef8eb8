"""Retraining: the command and the task learn from the routing history (not imported
appeals, the latest N), the seed and the names; the newest few models are kept."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from agencies.models import Category
from appeals.models import Appeal, TopicModel
from appeals.tasks import train_topic_model as train_task
from appeals.topics.model import TopicNaiveBayes
from appeals.topics.proposing import VERSION_KEY, forget, propose
from appeals.topics.training import KEEP_MODELS, counts_from, history, train_topic_model
from tests.conftest import People, submit_appeal

pytestmark = pytest.mark.django_db
# A word no seed text or name holds: only the history can teach it.
ZEBRA = "Зебрамобиль зебрамобиля зебрамобилем опять стоит у подъезда"


def _written(people: People, count: int, code: str = "roads-transport-local-roads") -> list[Appeal]:
    category = Category.objects.get(code=code)
    return [
        submit_appeal(people.citizen, people.agency, category=category, text=f"{ZEBRA} {n}")
        for n in range(count)
    ]


def test_the_command_learns_from_the_history(people: People) -> None:
    _written(people, 3)
    out = io.StringIO()
    call_command("train_topic_model", stdout=out)
    newest = TopicModel.objects.latest("pk")
    assert f"Topic model {newest.pk}:" in out.getvalue()
    assert cache.get(VERSION_KEY) == newest.pk
    forget()  # as if CHECK_SECONDS had passed since the submissions read "no model"
    assert propose(ZEBRA)[0].category.code == "roads-transport-local-roads"


def test_limit_takes_only_the_latest(people: People) -> None:
    earlier = _written(people, 2, "roads-transport-local-roads")
    Appeal.objects.filter(pk__in=[a.pk for a in earlier]).update(received_at="2020-01-01T00:00:00Z")
    _written(people, 2, "housing-water")
    assert {code for code, _text in history(2)} == {"housing-water"}
    assert list(history(0)) == []


def test_imported_appeals_are_not_learnt_from(people: People) -> None:
    appeals = _written(people, 2)
    Appeal.objects.filter(pk__in=[a.pk for a in appeals]).update(imported=True)
    assert list(history(100)) == []


def test_the_task_trains_and_announces(people: People) -> None:
    pk = train_task()
    assert cache.get(VERSION_KEY) == pk
    model = TopicNaiveBayes.loads(TopicModel.objects.get(pk=pk).weights)
    assert "housing-heating" in model.categories


def test_only_the_newest_models_are_kept() -> None:
    trained = [train_topic_model(limit=0).pk for _ in range(KEEP_MODELS + 2)]
    assert sorted(TopicModel.objects.values_list("pk", flat=True)) == trained[-KEEP_MODELS:]


def test_a_model_survives_its_serialisation() -> None:
    trained = train_topic_model(limit=0)
    model = TopicNaiveBayes.loads(trained.weights)
    again = TopicNaiveBayes.loads(model.dumps())
    text = "Нет воды в кране третий день, водоканал не отвечает"
    assert model.scored(text) == again.scored(text)
    assert model.scored(text)[0][0].category == "housing-water"


def test_a_frequent_topic_teaches_only_its_share(
    people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appeals.topics import training

    _written(people, 3, "housing-water")
    _written(people, 1, "roads-transport-local-roads")
    monkeypatch.setattr(training, "PER_TOPIC", 2)
    codes = [code for code, _text in history(100)]
    assert sorted(codes) == ["housing-water", "housing-water", "roads-transport-local-roads"]


def test_the_seed_weighs_a_quarter_of_a_long_history(
    people: People, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from appeals.topics import training

    (tmp_path / "ru.jsonl").write_text(
        '{"category": "housing-heating", "text": "батареи холодные"}\n', encoding="utf-8"
    )
    _written(people, 8, "housing-water")
    monkeypatch.setattr(training, "SEED_SHARE", 4)
    counts, used = counts_from(limit=100, seed=tmp_path)
    assert used == 9
    assert counts.texts["housing-heating"] == 8 // 4 + 3  # the seed twice, the names thrice
