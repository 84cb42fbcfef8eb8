"""The law's rules for e-petitions as shipped; an administrator edits them in the admin and
`manage.py load_petition_rules --update` restores these. The rules came with the law on
public control signed in October 2023 (in force with epetition.kz on 4 April 2024), which
added petitions to the Administrative Procedural and Process Code (chapter 12-1). Each figure is
quoted as the authorised ministry and the press reported the law (docs/petitions.md gives
the addresses): the primary text could not be read where this was written, so each row
names its source and its article is for a lawyer to confirm."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from agencies.reference_types import Names

LAW = (
    "Закон Республики Казахстан об общественном контроле (подписан в октябре 2023 г., "
    "введён в действие 4 апреля 2024 г.) и введённая им глава 12-1 «Петиции» АППК РК"
)
REPORTED_MCI = "as reported by the Ministry of Culture and Information, 3 Nov 2023 (mtrk.kz)"
REPORTED_PRESS = "as reported when epetition.kz opened, April 2024 (nur-news.net, vlast.kz)"

# The authorised body in the sphere of the state's interaction with civil society.
MODERATING_BODY = "mki"
LISTED_FROM = 50  # link-only until this many supporters
ADMISSIBILITY_WORKING_DAYS = 20


@dataclass(frozen=True)
class LevelData:
    code: str
    name: Names
    agency_kind: str
    top_level: bool | None
    threshold_count: int | None
    threshold_percent: Decimal | None
    collection_months: int
    answer_working_days: int
    legal_basis: str


_CENTRAL = f"{LAW}; {REPORTED_MCI}: central bodies answer within 40 working days"
_LOCAL = f"{LAW}; {REPORTED_MCI}: akimats and maslikhats answer within 20 working days"

LEVELS: tuple[LevelData, ...] = (
    LevelData(
        "government", Names("Правительство", "Үкімет", "The Government"),
        "government", None, 50_000, None, 6, 40,
        f"{_CENTRAL}; 50,000 signatures within 6 months, {REPORTED_PRESS}",
    ),
    LevelData(
        "ministry", Names("Министерство", "Министрлік", "A ministry"),
        "ministry", None, 50_000, None, 6, 40,
        f"{_CENTRAL}; the Government's threshold is applied to central bodies (our reading)",
    ),
    LevelData(
        "central", Names("Иной центральный орган", "Өзге орталық орган", "Another central body"),
        "central", None, 50_000, None, 6, 40,
        f"{_CENTRAL}; the Government's threshold is applied to central bodies (our reading)",
    ),
    LevelData(
        "regional-akimat",
        Names("Акимат области, города республиканского значения",
              "Облыс, республикалық маңызы бар қала әкімдігі",
              "Akimat of a region or a city of republican significance"),
        "akimat", True, None, Decimal("1.00"), 6, 20,
        f"{_LOCAL}; 1 % of the region's population, {REPORTED_PRESS}",
    ),
    LevelData(
        "city-akimat", Names("Акимат города, района", "Қала, аудан әкімдігі",
                             "Akimat of a city or district"),
        "local", None, 2_500, None, 6, 20,
        f"{_LOCAL}; 2,500 signatures for a city akimat, {REPORTED_PRESS}",
    ),
    LevelData(
        "regional-maslikhat",
        Names("Маслихат области, города республиканского значения",
              "Облыс, республикалық маңызы бар қала мәслихаты",
              "Maslikhat of a region or a city of republican significance"),
        "maslikhat", True, None, Decimal("2.00"), 6, 20,
        f"{_LOCAL}; 2 % of the region's population, {REPORTED_PRESS}",
    ),
    LevelData(
        "city-maslikhat", Names("Маслихат города, района", "Қала, аудан мәслихаты",
                                "Maslikhat of a city or district"),
        "maslikhat", False, 5_000, None, 6, 20,
        f"{_LOCAL}; 5,000 signatures for a city maslikhat, {REPORTED_PRESS}",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class SubjectData:
    code: str
    name: Names


# The 17 kinds of subject a petition may not have, as the ministry and the press listed them
# (the last four as we read the reported list; confirm against the law's article).
EXCLUDED_SUBJECTS: tuple[SubjectData, ...] = (
    SubjectData("constitutional-order", Names(
        "Конституционный строй и форма правления", "Конституциялық құрылыс және басқару нысаны",
        "The constitutional order and the form of government")),
    SubjectData("territorial-structure", Names(
        "Административно-территориальное устройство", "Әкімшілік-аумақтық құрылыс",
        "The administrative and territorial structure")),
    SubjectData("borders", Names(
        "Государственная граница и территориальная целостность",
        "Мемлекеттік шекара және аумақтық тұтастық",
        "The state border and territorial integrity")),
    SubjectData("languages", Names(
        "Языковая политика", "Тіл саясаты", "Language policy")),
    SubjectData("elections", Names("Выборы", "Сайлау", "Elections")),
    SubjectData("referendums", Names("Республиканский референдум", "Республикалық референдум",
                                     "Referendums")),
    SubjectData("courts", Names(
        "Судебная система и отправление правосудия", "Сот жүйесі және сот төрелігі",
        "The courts and the administration of justice")),
    SubjectData("prosecution", Names("Деятельность прокуратуры", "Прокуратура қызметі",
                                     "The prosecutor's office")),
    SubjectData("special-services", Names(
        "Деятельность специальных государственных органов и национальная безопасность",
        "Арнаулы мемлекеттік органдар қызметі және ұлттық қауіпсіздік",
        "The special state bodies and national security")),
    SubjectData("state-secrets", Names("Государственные секреты", "Мемлекеттік құпиялар",
                                       "State secrets")),
    SubjectData("president", Names(
        "Статус и полномочия Президента", "Президенттің мәртебесі мен өкілеттіктері",
        "The status and powers of the President")),
    SubjectData("parliament", Names(
        "Статус и полномочия Парламента и его палат",
        "Парламент пен оның палаталарының мәртебесі мен өкілеттіктері",
        "The status and powers of Parliament and its chambers")),
    SubjectData("dismissals", Names(
        "Назначение и освобождение от должности акимов, министров и иных должностных лиц",
        "Әкімдерді, министрлерді және өзге лауазымды адамдарды тағайындау және босату",
        "Appointing or dismissing akims, ministers and other officials")),
    SubjectData("law-enforcement", Names(
        "Оперативно-розыскная и иная правоохранительная деятельность",
        "Жедел-іздестіру және өзге де құқық қорғау қызметі",
        "Operational and other law-enforcement work")),
    SubjectData("state-bodies-functions", Names(
        "Изменение функций и структуры государственных органов",
        "Мемлекеттік органдардың функциялары мен құрылымын өзгерту",
        "Changing the functions and structure of state bodies")),
    SubjectData("amnesty", Names("Амнистия и помилование", "Рақымшылық және кешірім жасау",
                                 "Amnesty and pardon")),
    SubjectData("unconstitutional-calls", Names(
        "Призывы к насилию, дискриминации, нарушению конституционных прав",
        "Зорлық-зомбылыққа, кемсітушілікке, конституциялық құқықтарды бұзуға шақыру",
        "Calls to violence, discrimination or breaking constitutional rights")),
)  # fmt: skip

POPULATION_AS_OF = datetime.date(2024, 1, 1)
POPULATION_SOURCE = (
    "Bureau of National Statistics, population at 1 January 2024, rounded to thousands; "
    "replace with the current official figure"
)
# ISO code → people, rounded to thousands.
POPULATION: dict[str, int] = {
    "KZ-10": 604_000, "KZ-11": 786_000, "KZ-15": 930_000, "KZ-19": 1_524_000,
    "KZ-23": 700_000, "KZ-27": 693_000, "KZ-31": 1_218_000, "KZ-33": 697_000,
    "KZ-35": 1_131_000, "KZ-39": 829_000, "KZ-43": 830_000, "KZ-47": 775_000,
    "KZ-55": 752_000, "KZ-59": 530_000, "KZ-61": 2_134_000, "KZ-62": 221_000,
    "KZ-63": 715_000, "KZ-71": 1_423_000, "KZ-75": 2_229_000, "KZ-79": 1_222_000,
}  # fmt: skip
