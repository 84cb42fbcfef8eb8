"""Randomness, names and texts of the generated appeals, as SQL fragments and parameters.

A random number is a hash of (the appeal's number, the seed, what it decides), in [0, 1).
"""

from __future__ import annotations

DRAWS = (
    "hour", "second", "type", "agency", "region", "category", "forward", "source",
    "forward_delay", "forward_registered", "outcome", "register_delay", "assign_delay",
    "answer_share", "late", "late_delay", "extend", "extend_share", "executor", "registrar",
    "head", "source_registrar", "answer_kind", "termination", "close_delay",
    "abandoned_registered", "rated", "rating_delay", "satisfied", "reason", "reason_kind",
    "applicant", "language", "template", "street", "house", "flat", "collective",
)  # fmt: skip
# Draws a few rows need (complaints, forwards sent back): computed where they are used, not
# for every row.
LATER_DRAWS = (
    "link", "back", "pick", "decision", "return", "return_delay", "again_delay",
    "source_head", "answer_template", "answer_pick", "answer_detail", "answer_topic", "warned",
)  # fmt: skip
# The seed is multiplied by 64 to keep draws apart.
assert len(DRAWS) + len(LATER_DRAWS) <= 64  # noqa: S101


def unit(number: str, salt: str) -> str:
    """A uniform number in [0, 1) from 53 bits of a hash."""
    return f"((hashint8extended({number}, {salt}) & 9007199254740991)::float8 / 9007199254740992.0)"


def draw(name: str, number: str = "s.n") -> str:
    """One of LATER_DRAWS for the appeal numbered `number`."""
    return unit(number, f"%(seed)s + {len(DRAWS) + LATER_DRAWS.index(name)}")


def pick(array: str, draw: str) -> str:
    return f"({array})[1 + floor({draw} * cardinality({array}))::int]"


def person_name(number: str, female: str) -> str:
    """A full name fixed by a person's number: first name by sex, surname in its form."""
    surname = pick("%(surnames)s::text[]", unit(number, "11"))
    first = (
        f"CASE WHEN {female} THEN {pick('%(female_names)s::text[]', unit(number, '12'))} "
        f"ELSE {pick('%(male_names)s::text[]', unit(number, '12'))} END"
    )
    feminine = (
        f"CASE WHEN {female} AND right({surname}, 2) IN ('ов', 'ев', 'ин') THEN 'а' ELSE '' END"
    )
    return f"({first} || ' ' || {surname} || {feminine})"


NAMES = {
    "male_names": [
        "Алихан", "Айдар", "Ерлан", "Нурлан", "Асхат", "Данияр", "Тимур", "Руслан", "Марат",
        "Бекзат", "Серик", "Дмитрий", "Сергей", "Андрей", "Арман", "Ержан", "Болат", "Канат",
        "Азамат", "Олжас", "Ринат", "Виктор", "Дастан", "Мирас",
    ],
    "female_names": [
        "Айгерим", "Асель", "Гульнара", "Динара", "Жанар", "Лаура", "Камила", "Айжан",
        "Мадина", "Алия", "Сауле", "Ольга", "Елена", "Наталья", "Светлана", "Акмарал",
        "Аружан", "Томирис", "Дана", "Жансая", "Индира", "Татьяна",
    ],
    "surnames": [
        "Ахметов", "Касымов", "Жумабаев", "Исаев", "Омаров", "Сейткалиев", "Абдрахманов",
        "Муратов", "Байжанов", "Тулегенов", "Садыков", "Нурланов", "Искаков", "Сулейменов",
        "Кенжебеков", "Петров", "Иванов", "Ким", "Ли", "Цой", "Смагулов", "Есенов",
        "Бекмуханов", "Досмухамедов", "Оспанов", "Кузнецов", "Ильин", "Жаксыбеков",
    ],
}  # fmt: skip

TEXTS = {
    "topics": [
        "Прошу рассмотреть вопрос: %s. Обращаюсь не впервые, прошу принять меры и сообщить "
        "о результатах.",
        "Здравствуйте! Пишу по вопросу «%s». Ситуация не меняется уже несколько месяцев, "
        "прошу разобраться и ответить в установленный срок.",
        "%s мәселесін қарауды сұраймын. Шара қабылдап, нәтижесі туралы хабарлауыңызды сұраймын.",
        "Сәлеметсіз бе! «%s» мәселесі бойынша жазып отырмын. Жағдай бірнеше ай бойы "
        "өзгерген жоқ, заңда белгіленген мерзімде жауап беруіңізді сұраймын.",
        "Please look into the following matter: %s. I ask you to take action and let me "
        "know the outcome.",
        "Hello! I am writing about “%s”. Nothing has changed for several months; please "
        "look into it and answer within the legal deadline.",
    ],
    "addresses": ["Адрес: %s.", "Мекенжай: %s.", "Address: %s."],
    "streets": [
        "ул. Абая",
        "ул. Толе би",
        "ул. Сейфуллина",
        "пр. Жибек жолы",
        "ул. Кабанбай батыра",
        "ул. Сатпаева",
        "пр. Республики",
        "ул. Момышулы",
        "ул. Байтурсынова",
        "ул. Гагарина",
        "ул. Жамбыла",
        "ул. Ауэзова",
        "мкр. Самал",
        "мкр. Аксай",
    ],
    "return_reasons": [
        "Вопрос не относится к нашей компетенции: возвращаем органу, направившему его.",
        "Мәселе біздің құзыретімізге жатпайды: жіберген органға қайтарамыз.",
        "The matter is not ours: it goes back to the body that sent it.",
    ],
    "forward_reasons": [
        "Вопрос относится к компетенции другого органа.",
        "Мәселе басқа органның құзыретіне жатады.",
        "The matter is within another body's competence.",
    ],
    "extension_reasons": [
        "Требуется выезд на место и запрос сведений в других органах.",
        "Жергілікті жерге шығу және басқа органдардан мәлімет сұрату қажет.",
        "A site visit and information from other bodies are needed.",
    ],
}
