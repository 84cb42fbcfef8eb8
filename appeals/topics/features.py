"""The words a topic model sees in a text, the same for Russian and Kazakh: normalised,
letters only, stop words dropped, cut to a stem, with each pair of neighbouring stems."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

# Only the head of a text is read: the cost of a proposal stays bounded whatever is pasted.
TEXT_HEAD = 10_000
# A word's first letters stand for it: Russian and Kazakh endings come after them (4 did
# best on the evaluation set, docs/topics.md).
STEM = 4
SHORTEST = 3

_WORD = re.compile(r"[^\W\d_]+")
# The commonest words of both languages, which say nothing of the topic.
_STOP_LINES = (
    "и в во не на с со что как а то все она так его но да ты к у же вы за бы по только ее мне",
    "было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был",
    "него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо",
    "ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто",
    "этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас",
    "были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот",
    "через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед",
    "иногда лучше чуть том нельзя такой им более всегда конечно всю между это прошу просим",
    "мною нам наш наши наша также очень который которые которая уважаемый уважаемые",
    "және мен бен пен да де та те ма ме ба бе па пе бұл осы сол ол біз сіз олар менің",
    "біздің сіздің оның үшін деп болып болды болса бар жоқ емес еді ғой қой ғана тек әлі енді",
    "өте барлық кейін дейін арқылы туралы бойынша сияқты немесе бірақ егер себебі өйткені",
    "қазір онда мұнда сұраймын сұраймыз құрметті",
)
STOP_WORDS = frozenset(word for line in _STOP_LINES for word in line.split())


def normalised(text: str) -> str:
    return unicodedata.normalize("NFKC", text[:TEXT_HEAD]).lower().replace("ё", "е")


def stems(text: str) -> list[str]:
    """The text's words, each cut to its stem, in order; stop words and short words left out."""
    words = _WORD.findall(normalised(text))
    return [w[:STEM] for w in words if len(w) >= SHORTEST and w not in STOP_WORDS]


def features(text: str) -> set[str]:
    """The stems and neighbouring pairs of stems a text holds, each once."""
    found = stems(text)
    return set(found) | {f"{a} {b}" for a, b in pairwise(found)}
