"""The proposal measured on the labelled evaluation set, which the training never reads
(docs/topics.md says how the set was written and why the thresholds are where they are)."""

from __future__ import annotations

import pytest

from appeals.models import TopicModel
from appeals.topics.training import seed_texts
from tests.topics.evaluation import Figures, eval_rows, evaluate

pytestmark = pytest.mark.django_db

# Measured minus a margin of four to five points, eight for the local share that rests on
# 99 texts (docs/topics.md): a change to the features or the model that loses more fails.
TOP1 = 0.80
TOP3 = 0.88
LOCAL_STEERED = 0.78
PER_LANGUAGE_TOP1 = 0.78


def test_the_evaluation_set_is_apart_from_the_training() -> None:
    rows = eval_rows("ru") + eval_rows("kk")
    trained_on = {text.strip() for _category, text in seed_texts()}
    assert len(rows) >= 500
    assert not [row["id"] for row in rows if row["text"].strip() in trained_on]
    assert sum(bool(row["local_to_central"]) for row in rows) >= 50


def test_the_proposal_meets_its_thresholds(topic_model: TopicModel) -> None:
    by_language = {language: evaluate(eval_rows(language)) for language in ("ru", "kk")}
    total = Figures()
    for figures in by_language.values():
        for name in ("texts", "top1", "top3", "none", "local_to_central", "steered_local"):
            setattr(total, name, getattr(total, name) + getattr(figures, name))
    for language, figures in by_language.items():
        print(figures.line(language))
    print(total.line("both"))
    assert total.share(total.top1) >= TOP1
    assert total.share(total.top3) >= TOP3
    assert total.share(total.steered_local, total.local_to_central) >= LOCAL_STEERED
    for figures in by_language.values():
        assert figures.share(figures.top1) >= PER_LANGUAGE_TOP1
