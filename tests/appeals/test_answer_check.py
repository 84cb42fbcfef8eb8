"""The check against formal replies measured on hand-labelled answers in Russian, Kazakh and
English (tests/appeals/answer_labels/, its README says how they were made): precision and
recall of each rule, printed (`pytest -s` or `-rA`), and the least we accept."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from agencies.models import Agency
from appeals.answer_check import answer_check
from appeals.models import Appeal
from tests.factories import AnsweredAppealFactory

LABELS = Path(__file__).parent / "answer_labels"
BLOCKING = ("refusal_grounds", "refusal_basis", "refusal_challenge")
WARNINGS = ("short", "mostly_law", "no_action")
CODES = (*BLOCKING, *WARNINGS, "near_copy")


def load(name: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((LABELS / name).read_text()))


def evaluation_items() -> list[dict[str, Any]]:
    names = sorted(p.name for p in LABELS.glob("*.yaml"))
    return [
        item for name in names if not name.startswith(("tuning", "near_copies"))
        for item in load(name)
    ]  # fmt: skip


@dataclass
class Tally:
    """True and false positives and false negatives of each code."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, item_id: str, code: str, *, expected: bool, found: bool) -> None:
        if expected and found:
            self.tp[code] += 1
        elif found:
            self.fp[code] += 1
            self.misses.append(f"{item_id}: {code} found, not expected")
        elif expected:
            self.fn[code] += 1
            self.misses.append(f"{item_id}: {code} expected, not found")

    def precision(self, code: str) -> float:
        found = self.tp[code] + self.fp[code]
        return self.tp[code] / found if found else 1.0

    def recall(self, code: str) -> float:
        expected = self.tp[code] + self.fn[code]
        return self.tp[code] / expected if expected else 1.0

    def lines(self, codes: tuple[str, ...]) -> list[str]:
        return [
            f"{code:<18} precision {self.precision(code):5.2f}  recall {self.recall(code):5.2f}"
            f"  (tp {self.tp[code]}, fp {self.fp[code]}, fn {self.fn[code]})"
            for code in codes
        ]


def pending_appeal(text: str, language: str, agency: Agency | None = None) -> Appeal:
    """An appeal in progress, about to be answered."""
    extra = {"agency": agency} if agency else {}
    return AnsweredAppealFactory.create(
        text=text, language=language, status=Appeal.Status.IN_PROGRESS, answered_at=None,
        answer_kind="", answer_text="", **extra,
    )  # fmt: skip


def report(title: str, lines: list[str]) -> None:
    print(f"\n--- {title} ---", *lines, sep="\n")


@pytest.mark.django_db
def test_the_rules_meet_their_precision_and_recall_on_the_labelled_answers() -> None:
    """Fails below these, chosen before the evaluation set was first run:

    - blocking rules, each: precision ≥ 0.90 and recall ≥ 0.80. A false block stops a
      lawful answer, which the executor cannot override, so precision comes first; a missed
      block lets through a refusal the law (APPC art. 91) does not allow, so recall is high.
    - warnings, each: precision ≥ 0.75 and recall ≥ 0.70. The executor may send over a
      warning (recorded), so a false one costs a click; more than one in four false would
      teach executors to click through every warning.
    - formal replies as a whole (any finding): precision ≥ 0.85, recall ≥ 0.75; some formal
      replies break no rule (a generic explanation of normal length) and are labelled so.

    The first run missed the bar for refusal_grounds (0.78 / 0.69); the rules were revised on
    new tuning items and a fresh batch added (answer_labels/README.md, History).
    """
    tally = Tally()
    for item in evaluation_items():
        appeal = pending_appeal(item["appeal"], item["lang"])
        check = answer_check(appeal, item["kind"], item["answer"])
        found = {f.code for f in (*check.blocking, *check.warnings)}
        expected = set(item["findings"])
        for code in (*BLOCKING, *WARNINGS):
            tally.add(item["id"], code, expected=code in expected, found=code in found)
        tally.add(item["id"], "formal", expected=item["formal"], found=bool(found))
    report("answer check: blocking rules and warnings", tally.lines((*BLOCKING, *WARNINGS)))
    report("answer check: formal replies as a whole", tally.lines(("formal",)))
    report("answer check: disagreements with the labels", tally.misses)
    for code in BLOCKING:
        assert tally.precision(code) >= 0.90 and tally.recall(code) >= 0.80, code
    for code in WARNINGS:
        assert tally.precision(code) >= 0.75 and tally.recall(code) >= 0.70, code
    assert tally.precision("formal") >= 0.85 and tally.recall("formal") >= 0.75


@pytest.mark.django_db
def test_near_copies_of_the_bodys_earlier_answers_are_found_and_other_answers_are_not() -> None:
    """Fails below precision 0.95 or recall 0.90: a near-copy with names, dates and numbers
    changed is a mechanical likeness the trigrams see; a false one tells an executor who
    wrote the answer themselves that they copied it. All earlier answers are one body's,
    so a different answer must also stay clear of the other topics' earlier answers."""
    topics = load("near_copies.yaml")
    agency = Agency.objects.get(code="akimat-kz-75")
    earlier = {
        t["topic"]: AnsweredAppealFactory.create(agency=agency, answer_text=t["earlier"])
        for t in topics
    }
    tally, similar = Tally(), []
    for topic in topics:
        for case, expected in (("copy", True), ("other", False)):
            appeal = pending_appeal("Прошу ответить по существу.", topic["lang"], agency)
            check = answer_check(appeal, Appeal.AnswerKind.EXPLAINED, topic[case])
            messages = [str(w.message) for w in check.warnings if w.code == "near_copy"]
            found = bool(messages)
            if found and expected:
                found = earlier[topic["topic"]].reference in messages[0]
                similar.append(f"{topic['topic']}: {messages[0]}")
            tally.add(f"{topic['topic']}/{case}", "near_copy", expected=expected, found=found)
    report("answer check: near copies", [*tally.lines(("near_copy",)), *tally.misses, *similar])
    assert tally.precision("near_copy") >= 0.95 and tally.recall("near_copy") >= 0.90


def test_the_evaluation_set_is_big_balanced_and_apart_from_the_tuning_set() -> None:
    items = evaluation_items()
    answers = [item["answer"] for item in items]
    assert len(items) >= 200 and len({item["id"] for item in items}) == len(items)
    assert sum(item["lang"] == "kk" for item in items) >= 80
    assert 0.4 <= sum(item["formal"] for item in items) / len(items) <= 0.6
    assert all(set(item["findings"]) <= set(CODES) for item in items)
    assert not {t["answer"] for t in load("tuning.yaml")} & set(answers)
    topics = [t["copy"] for t in load("near_copies.yaml")]
    assert len(topics) >= 20
    assert not {t["copy"] for t in load("tuning_near_copies.yaml")} & set(topics)
