"""The text rules of the check against formal replies: pure functions of the answer's and the
appeal's texts, no database (the near-copy rule is in appeals/answer_similarity.py)."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from appeals import answer_lexicon as lex

# An answer under this share of the appeal's words, and under SHORT_WORDS words, is short:
# a reply that answers each point of an appeal restates and answers it in about as many words.
SHORT_RATIO = 0.4
SHORT_WORDS = 60
# Mostly law: this share of the answer's words are in sentences that cite legal acts.
LAW_SHARE = 0.6
# A ground states at least this many words about the case beside the vocabulary of refusals.
GROUND_WORDS = 2

WORD = re.compile(r"\w+", re.UNICODE)
# Sentence ends, but not after abbreviations such as "ст.", "п.", "г.", "ул.", "т.е.".
BOUNDARY = re.compile(r"[.!?…]+[\"»”)]*\s+|\n+|;\s+")
# The title of an act in quotes: «О жилищных отношениях».
QUOTED = re.compile(r"«[^»]{0,200}»|“[^”]{0,200}”")
ABBREVIATION = re.compile(r"(?:^|\W)(?:[^\W\d]{1,3}|т\.е|т\.к|и\.о|м\.б)\.$", re.UNICODE)


@dataclass(frozen=True)
class Challenge:
    """What a refusal says about how to challenge it."""

    verb: bool
    body: bool
    period: bool

    @property
    def complete(self) -> bool:
        return self.verb and self.body and self.period


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def sentences(text: str) -> list[str]:
    """The text cut into sentences, keeping "ст. 91" and "г. Астана" whole; "ё" read as "е"."""
    text = text.replace("ё", "е").replace("Ё", "Е")
    parts, start = [], 0
    for end in BOUNDARY.finditer(text):
        piece = text[start : end.start() + 1]
        if ABBREVIATION.search(piece.rstrip()) and not end.group().startswith("\n"):
            continue
        parts.append(text[start : end.end()].strip())
        start = end.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def cites_law(sentence: str) -> bool:
    """A sentence that refers to an article of an act, or cites an act by name, and says
    nothing of the applicant's case ("you", an address, a year: lex.CASE_MARKER)."""
    act = bool(lex.ACT.search(sentence) or lex.ACT_ABBREVIATION.search(sentence))
    numbered = bool(lex.ARTICLE_NUMBERED.search(sentence))
    if not (act and (numbered or lex.CITING.search(sentence))):
        return False
    rest = lex.CITATION_NUMBER.sub(" ", lex.ARTICLE_NUMBERED.sub(" ", sentence))
    return not lex.CASE_MARKER.search(rest)


def legal_basis(text: str) -> bool:
    """An article, point or part of a named act, in one sentence."""
    return any(
        lex.ARTICLE_NUMBERED.search(s) and (lex.ACT.search(s) or lex.ACT_ABBREVIATION.search(s))
        for s in sentences(text)
    )


def stems(text: str) -> set[str]:
    return {word[:5].lower() for word in WORD.findall(text) if len(word) >= 5}


def case_words(sentence: str, asked: AbstractSet[str] = frozenset()) -> int:
    """Words about the case: the sentence without legal citations, the vocabulary of
    refusals, and the words of the request (`asked`, their stems) it only restates."""
    rest = lex.THEREFORE.sub(" ", lex.NON_REASON.sub(" ", sentence))
    rest = lex.BOILERPLATE.sub(" ", lex.CAUSE.sub(" ", rest))
    rest = lex.ARTICLE_NUMBERED.sub(" ", lex.CITING.sub(" ", rest))
    rest = QUOTED.sub(" ", lex.ACT.sub(" ", rest))
    return sum(
        1 for word in WORD.findall(rest)
        if len(word) >= 4 and not word.isdigit() and word[:5].lower() not in asked
    )  # fmt: skip


def refusal_grounds(text: str, appeal: str = "") -> bool:
    """A reason that says something about the case beyond the request: a cause or a finding,
    or a consequence ("therefore") drawn from a sentence before it that is not a citation."""
    parts, asked = sentences(text), stems(appeal)
    for index, sentence in enumerate(parts):
        if lex.CAUSE.search(sentence) and case_words(sentence, asked) >= GROUND_WORDS:
            return True
        consequence = lex.THEREFORE.search(sentence)
        if consequence:
            # What it follows from: the two sentences before, but not citations of law.
            before = [p for p in parts[max(0, index - 2) : index] if not cites_law(p)]
            before.append(sentence[: consequence.start()])
            if case_words(" ".join(before), asked) >= GROUND_WORDS:
                return True
    return False


def refusal_challenge(text: str) -> Challenge:
    """Whether the refusal says it may be challenged, to whom and within what period: read
    in the sentences that speak of challenging it and the one after each."""
    parts = sentences(text)
    near = [
        " ".join(parts[index : index + 2])
        for index, sentence in enumerate(parts)
        if lex.CHALLENGE.search(sentence)
    ]
    return Challenge(
        verb=bool(near),
        body=any(lex.BODY.search(part) for part in near),
        period=any(lex.PERIOD.search(part) for part in near),
    )


def law_share(text: str) -> float:
    """The share of the answer's words that are in sentences citing legal acts."""
    total = law = 0
    for sentence in sentences(text):
        count = word_count(sentence)
        total += count
        if cites_law(sentence):
            law += count
    return law / total if total else 0.0


def mostly_law(text: str) -> bool:
    return law_share(text) >= LAW_SHARE


def short(answer: str, appeal: str) -> bool:
    answer_words, appeal_words = word_count(answer), word_count(appeal)
    return answer_words < SHORT_WORDS and answer_words < SHORT_RATIO * appeal_words


def names_action(text: str) -> bool:
    """What was (or will be) done, or when: "measures were taken" alone names nothing."""
    rest = lex.EMPTY_ACTION.sub(" ", text.replace("ё", "е"))
    return bool(lex.ACTION.search(rest) or lex.DATE.search(rest))
