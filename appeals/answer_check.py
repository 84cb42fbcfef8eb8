"""The check against formal replies (отписки), run on an answer before it is sent: what
blocks it, and what warns the executor, who may send it anyway (recorded). The rules are in
appeals/answer_rules.py and answer_similarity.py; docs/workflow.md tells them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from appeals import answer_rules as rules
from appeals.answer_similarity import nearest_answer
from appeals.models import Appeal


@dataclass(frozen=True)
class Finding:
    code: str  # "refusal_grounds", "near_copy"…
    message: StrOrPromise  # translated, as the executor reads it


@dataclass(frozen=True)
class AnswerCheck:
    blocking: tuple[Finding, ...]  # the answer cannot be sent
    warnings: tuple[Finding, ...]  # the executor may send it anyway, recorded


def answer_check(appeal: Appeal, kind: str, text: str) -> AnswerCheck:
    """What the check finds in `text`, an answer of `kind` to `appeal`."""
    refused = kind == Appeal.AnswerKind.REFUSED
    blocking = refusal_findings(text, appeal.text) if refused else []
    return AnswerCheck(tuple(blocking), tuple(text_warnings(appeal, kind, text)))


def refusal_findings(text: str, appeal: str) -> list[Finding]:
    """A refusal states its grounds, its legal basis and how to challenge it (APPC art. 73)."""
    found = []
    if not rules.refusal_grounds(text, appeal):
        found.append(Finding("refusal_grounds", _(
            "The refusal does not say why: state the facts it rests on (what was checked and "
            "what was found), not only that there are no grounds."
        )))  # fmt: skip
    if not rules.legal_basis(text):
        found.append(Finding("refusal_basis", _(
            "The refusal cites no legal basis: name the article (and point) of the law, code "
            "or order it rests on, e.g. “article 91, point 2 of the APPC”."
        )))  # fmt: skip
    challenge = rules.refusal_challenge(text)
    if not challenge.complete:
        found.append(Finding("refusal_challenge", challenge_message(challenge)))
    return found


def challenge_message(challenge: rules.Challenge) -> str:
    if challenge.verb and challenge.body:
        return _(
            "The refusal says where to challenge it but not within what period: add it, e.g. "
            "“within three months of receiving this answer”."
        )
    if challenge.verb and challenge.period:
        return _(
            "The refusal gives the period to challenge it but not to whom: name the body "
            "above or the court."
        )
    return _(
        "The refusal does not say how to challenge it: name to whom (the body above or the "
        "court) and within what period (e.g. “within three months”)."
    )


def text_warnings(appeal: Appeal, kind: str, text: str) -> list[Finding]:
    found = []
    near = nearest_answer(appeal, text)
    if near is not None:
        found.append(Finding("near_copy", _(
            "This answer is %(similarity)d%% the same as this body's answer to appeal "
            "%(reference)s: answer this applicant's own question."
        ) % {"similarity": int(near.similarity * 100), "reference": near.reference}))  # fmt: skip
    if rules.short(text, appeal.text):
        counts = {"answer": rules.word_count(text), "appeal": rules.word_count(appeal.text)}
        found.append(Finding("short", _(
            "The answer has %(answer)d words and the appeal %(appeal)d: check that it answers "
            "every point the applicant raised."
        ) % counts))  # fmt: skip
    if rules.mostly_law(text):
        found.append(Finding("mostly_law", _(
            "%(share)d%% of the answer cites legal acts: say what they mean for this "
            "applicant's case."
        ) % {"share": int(rules.law_share(text) * 100)}))  # fmt: skip
    if kind == Appeal.AnswerKind.SATISFIED and not rules.names_action(text):
        found.append(Finding("no_action", _(
            "The appeal is satisfied, but the answer names no action or date: say what was "
            "(or will be) done, and when."
        )))  # fmt: skip
    return found
