"""Each rule of the check against formal replies on crafted edge cases: empty and very long
texts, nothing but citations, Kazakh and Russian in one answer, English."""

from __future__ import annotations

import time

import pytest
from django.utils import translation

from appeals import answer_rules as rules
from appeals.answer_check import answer_check
from appeals.models import TEXT_LIMIT, Appeal
from tests.factories import AnsweredAppealFactory

REFUSAL_RU = (
    "Участок по ул. Абая, 5 расположен в охранной зоне газопровода. Согласно пункту 2 статьи "
    "43 Земельного кодекса РК участки в охранных зонах не предоставляются, поэтому в "
    "предоставлении отказано. Решение можно обжаловать в акимат области или в суд в течение "
    "трёх месяцев со дня получения ответа."
)
REFUSAL_KK = (
    "Учаске газ құбырының күзет аймағында орналасқандықтан, беруден бас тартылды. ҚР Жер "
    "кодексінің 43-бабының 2-тармағына сәйкес күзет аймағындағы учаскелер берілмейді. Шешімге "
    "үш ай ішінде облыс әкімдігіне немесе сотқа шағым жасауға болады."
)
REFUSAL_EN = (
    "The plot lies in the protection zone of a gas pipeline, so it cannot be granted: under "
    "Article 43(2) of the Land Code plots in such zones are not granted. You may appeal "
    "against this answer to the regional akimat or the court within three months."
)
LAW_ONLY = (
    "Согласно статье 43 Земельного кодекса РК участки предоставляются из свободных земель. В "
    "соответствии с пунктом 5 статьи 44 Земельного кодекса РК заявление рассматривается в "
    "течение 30 рабочих дней. Согласно Закону РК «О местном государственном управлении» "
    "акимат распоряжается землями."
)
Kind = Appeal.AnswerKind


def codes(appeal: Appeal, kind: str, text: str) -> set[str]:
    check = answer_check(appeal, kind, text)
    return {finding.code for finding in (*check.blocking, *check.warnings)}


@pytest.fixture
def appeal(db: None) -> Appeal:
    return AnsweredAppealFactory.create(
        text="Прошу выделить земельный участок под строительство дома, очередь с 2015 года.",
        status=Appeal.Status.IN_PROGRESS, answered_at=None, answer_kind="", answer_text="",
    )  # fmt: skip


@pytest.mark.parametrize("text", [REFUSAL_RU, REFUSAL_KK, REFUSAL_EN])
def test_a_refusal_with_grounds_basis_and_a_way_to_challenge_it_passes(
    appeal: Appeal, text: str
) -> None:
    assert answer_check(appeal, Kind.REFUSED, text).blocking == ()


def test_a_refusal_that_says_only_no_is_blocked_on_all_three(appeal: Appeal) -> None:
    check = answer_check(appeal, Kind.REFUSED, "В удовлетворении отказано.")
    assert {f.code for f in check.blocking} == {
        "refusal_grounds", "refusal_basis", "refusal_challenge",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (Kind.REFUSED, {"refusal_grounds", "refusal_basis", "refusal_challenge", "short"}),
        (Kind.SATISFIED, {"no_action", "short"}),
        (Kind.EXPLAINED, {"short"}),
    ],
)
def test_an_empty_answer_is_checked_without_error(
    appeal: Appeal, kind: str, expected: set[str]
) -> None:
    assert codes(appeal, kind, "") == expected
    assert codes(appeal, kind, "  \n ") == expected


def test_an_answer_of_the_longest_length_is_checked_in_good_time(appeal: Appeal) -> None:
    text = (REFUSAL_RU + " " + REFUSAL_KK + "\n") * (TEXT_LIMIT // (len(REFUSAL_RU) * 2))
    text = text[:TEXT_LIMIT]
    started = time.perf_counter()
    found = codes(appeal, Kind.REFUSED, text)
    assert time.perf_counter() - started < 2
    assert not found & {"refusal_grounds", "refusal_basis", "refusal_challenge", "short"}


def test_an_answer_of_nothing_but_citations_is_mostly_law(appeal: Appeal) -> None:
    assert rules.law_share(LAW_ONLY) == 1.0
    assert "mostly_law" in codes(appeal, Kind.EXPLAINED, LAW_ONLY)
    assert "mostly_law" not in codes(appeal, Kind.REFUSED, REFUSAL_RU)


def test_a_refusal_mixing_kazakh_and_russian_is_read_whole(appeal: Appeal) -> None:
    mixed = (
        "Учаске газ құбырының күзет аймағында орналасқандықтан, беруден бас тартылды "
        "(пункт 2 статьи 43 Земельного кодекса РК). Решение можно обжаловать в суд в течение "
        "трёх месяцев."
    )
    assert answer_check(appeal, Kind.REFUSED, mixed).blocking == ()


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Отказано в соответствии с действующим законодательством.", False),
        ("Заңнамаға сәйкес бас тартылды.", False),
        ("Отказано согласно пункту 2.", False),
        ("Отказано по ст. 91 АППК РК.", True),
        ("ӘРПК-нің 91-бабына сәйкес бас тартылды.", True),
        ("Refused under Article 91 of the Administrative Procedure Code.", True),
        ("В соответствии со статьёй 73 Закона РК «О занятости» отказано.", True),
    ],
)
def test_the_legal_basis_is_a_numbered_article_of_a_named_act(text: str, cited: bool) -> None:
    assert rules.legal_basis(text) is cited


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Вы вправе обжаловать ответ в установленном порядке.", "to whom"),
        ("Ответ можно обжаловать в суд.", "within what period"),
        ("Ответ можно обжаловать в течение трёх месяцев.", "not to whom"),
    ],
)
def test_the_challenge_message_says_what_is_missing(
    appeal: Appeal, text: str, missing: str
) -> None:
    with translation.override("en"):
        check = answer_check(appeal, Kind.REFUSED, text)
    (message,) = [str(f.message) for f in check.blocking if f.code == "refusal_challenge"]
    assert missing in message


def test_short_is_measured_against_the_appeal() -> None:
    assert rules.short("Отопление дали.", "В доме по ул. Абая, 10 нет отопления с 1 ноября.")
    assert not rules.short("Отопление дали 3 ноября.", "Нет отопления.")
    long_appeal = " ".join(["слово"] * 1000)
    assert not rules.short(" ".join(["ответ"] * 60), long_appeal)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Ваше обращение удовлетворено, приняты необходимые меры.", False),
        ("Өтінішіңіз қанағаттандырылды, тиісті шаралар қабылданды.", False),
        ("По обращению проведена работа, вопрос решён.", False),
        ("Фонарь заменён.", True),
        ("Работы будут выполнены до 1 июня.", True),
        ("Шам 12 мамырда ауыстырылды.", True),
        ("The lift was repaired on 14 March.", True),
    ],
)
def test_a_satisfied_answer_names_an_action_or_a_date(text: str, named: bool) -> None:
    assert rules.names_action(text) is named


def test_no_action_is_asked_of_satisfied_answers_only(appeal: Appeal) -> None:
    text = "Ваше обращение рассмотрено, по нему приняты меры, благодарим за обращение."
    assert "no_action" in codes(appeal, Kind.SATISFIED, text)
    assert "no_action" not in codes(appeal, Kind.EXPLAINED, text)


def test_sentences_keep_abbreviations_whole() -> None:
    text = "По ст. 91 АППК отказано. Дом в г. Астана, ул. Абая, д. 5. Ответ дан."
    assert rules.sentences(text) == [
        "По ст. 91 АППК отказано.", "Дом в г. Астана, ул. Абая, д. 5.", "Ответ дан.",
    ]  # fmt: skip


def test_grounds_that_only_restate_the_request_or_cite_competence_are_none() -> None:
    asked = "Прошу разрешить вырубить карагач у забора."
    assert not rules.refusal_grounds(
        "Отказано, так как вырубка карагача у забора не разрешена.", asked
    )
    assert not rules.refusal_grounds(
        "Вопрос не относится к компетенции отдела ЖКХ. В связи с этим отказано.", asked
    )
    assert rules.refusal_grounds(
        "Отказано, так как дерево здорово: комиссия 4 мая не нашла гнили.", asked
    )
