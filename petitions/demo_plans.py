"""What the demo's petitions say and where each stands (petitions/demo.py writes them)."""

from __future__ import annotations

from dataclasses import dataclass

from agencies.models import Category
from petitions.models import Petition

Status, Ground, Outcome = Petition.Status, Petition.RefusalGround, Petition.Outcome

# Verified names read "Surname Name Patronymic", as the national CA writes them.
SIGNER_NAMES = (
    "Абенова Айгуль Маратовна", "Жумабеков Бакыт Ерланович", "Попова Елена Сергеевна",
    "Тулегенов Канат Асанович", "Исмаилова Мадина Руслановна", "Нурланов Олжас Бекович",
    "Ким Зарина Викторовна", "Токтаров Ержан Серикович", "Волкова Татьяна Ивановна",
    "Муратов Асылжан Кайратович", "Сейтказиева Жанар Болатовна", "Ли Сергей Эдуардович",
)  # fmt: skip


@dataclass(frozen=True)
class Plan:
    key: str
    addressee: str
    category: str
    status: str
    title: str
    text: str
    demand: str
    age_days: int  # filed this many days ago
    author: int = 0  # 0: the demo author with a login; else a demo signer
    signatures: int = 0  # active at the end
    withdrawn: int = 0
    goal: int | None = None  # a lowered goal for a petition shown past it
    ground: str = ""
    reason: str = ""
    subject: str = ""
    outcome: str = ""
    decision: str = ""
    flagged: bool = False  # a burst of new accounts raised to the moderators

    def category_id(self) -> int:
        return int(Category.objects.values_list("pk", flat=True).get(code=self.category))


ALMATY, DISTRICT, MINISTRY, GOVERNMENT = (
    "akimat-kz-75", "akimat-kz-75-almaly", "mtszn", "government",
)  # fmt: skip

PLANS: tuple[Plan, ...] = (
    Plan("awaiting-park", ALMATY, "public-spaces-parks", Status.SUBMITTED,
         "Сохранить сквер на улице Жибек Жолы",
         "В сквере планируют строительство торгового центра. Жители против.",
         "Отменить застройку сквера и благоустроить его.", age_days=3),
    Plan("awaiting-lights", DISTRICT, "public-spaces-lighting", Status.SUBMITTED,
         "Освещение во дворах Алмалинского района",
         "Во дворах между Толе би и Жамбыла нет фонарей, вечером опасно.",
         "Установить освещение во дворах квартала до конца года.", age_days=1, author=3),
    Plan("refused-pension-age", MINISTRY, "pensions-benefits-pensions", Status.REFUSED,
         "Вернуть прежний пенсионный возраст",
         "Пенсионный возраст установлен законом, его изменение требует нового закона.",
         "Снизить пенсионный возраст женщин до 58 лет.", age_days=40, author=5,
         ground=Ground.NOT_COMPETENT,
         reason="Пенсионный возраст устанавливается законом; министерство не вправе его "
                "изменить. Петицию можно направить по вопросам, отнесённым к ведению органа."),
    Plan("refused-dismiss", ALMATY, "roads-transport-traffic", Status.REFUSED,
         "Отправить в отставку акима за пробки",
         "Пробки в городе не уменьшаются годами.",
         "Освободить от должности акима города.", age_days=30, author=7,
         ground=Ground.EXCLUDED_SUBJECT, subject="dismissals",
         reason="Требование об освобождении от должности акима не может быть предметом "
                "петиции."),
    Plan("link-bus-stop", DISTRICT, "roads-transport-public-transport", Status.COLLECTING,
         "Навес на остановке «Айманова»",
         "Остановка без навеса: пассажиры ждут под дождём и снегом.",
         "Установить навес и скамейки на остановке.", age_days=8, author=2, signatures=12,
         withdrawn=1),
    Plan("listed-yards", DISTRICT, "public-spaces-yards", Status.COLLECTING,
         "Детские площадки в старых дворах Алмалинского района",
         "Площадкам во дворах больше тридцати лет, качели сломаны.",
         "Обновить детские площадки в двадцати дворах района.", age_days=35, author=4,
         signatures=180, withdrawn=3),
    Plan("listed-benefits", GOVERNMENT, "pensions-benefits-child", Status.COLLECTING,
         "Индексировать пособия на детей по реальной инфляции",
         "Пособия индексируются ниже роста цен на продукты.",
         "Индексировать пособия на детей не реже двух раз в год.", age_days=50, author=6,
         signatures=220, flagged=True),
    Plan("considering-heating", ALMATY, "housing-heating", Status.CONSIDERING,
         "Заменить теплосети микрорайона Орбита",
         "Каждую зиму аварии на теплосетях оставляют дома без отопления.",
         "Включить замену теплосетей Орбиты в программу следующего года.", age_days=30,
         signatures=160, goal=150),
    Plan("answered-crossing", DISTRICT, "roads-transport-traffic", Status.ANSWERED,
         "Светофор у школы № 54",
         "Дети переходят дорогу у школы без светофора.",
         "Установить светофор и «лежачих полицейских» у школы.", age_days=120, author=8,
         signatures=110, goal=100, outcome=Outcome.ACCEPTED,
         decision="Светофор установлен 1 сентября, «лежачие полицейские» — в октябре."),
    Plan("answered-jobs", MINISTRY, "employment-labour-rights", Status.ANSWERED,
         "Проверить выплаты на стройках Алматы",
         "Рабочие строек месяцами не получают зарплату.",
         "Провести проверки застройщиков и взыскать долги по зарплате.", age_days=150,
         author=9, signatures=130, withdrawn=2, goal=120, outcome=Outcome.PARTLY,
         decision="Проверено 14 застройщиков, долги взысканы у девяти; по остальным "
                  "материалы направлены в суд. Общая проверка всех строек не планируется."),
    Plan("answered-holiday", GOVERNMENT, "employment-labour-rights", Status.ANSWERED,
         "Сделать 31 декабря выходным днём",
         "31 декабря большинство работников фактически не работают.",
         "Объявить 31 декабря выходным днём.", age_days=170, author=10, signatures=90,
         goal=80, outcome=Outcome.REFUSED,
         decision="Перечень праздничных дней установлен законом; перенос выходных "
                  "определяется ежегодно. Оснований для изменения нет."),
    Plan("failed-library", MINISTRY, "social-protection-disability", Status.FAILED,
         "Аудиокниги для незрячих в каждой библиотеке",
         "Незрячие читатели не находят аудиокниг в районных библиотеках.",
         "Закупить аудиокниги для всех районных библиотек.", age_days=220, author=11,
         signatures=64),
)  # fmt: skip
