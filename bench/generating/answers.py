"""The generated answers' texts: an opening, four paragraphs and a closing by language and
kind, with the address, dates, sums and the executor filled in. A quarter of a body's
answers on a topic and of a kind follow one template (near-copies of each other)."""

from __future__ import annotations

from bench.generating.words import draw

# The values format() fills in: %1$s the topic, %2$s an address, %3$s a date of the work,
# %4$s a number, %5$s the executor, %6$s the date the appeal came, %7$s a number of days,
# %8$s the executor's telephone.
OPENINGS = {
    "ru": [
        "Рассмотрев Ваше обращение от %6$s по вопросу «%1$s», сообщаем следующее.",
        "На Ваше обращение, поступившее %6$s, по вопросу «%1$s» сообщаем.",
        "Ваше обращение от %6$s о %1$s рассмотрено с выездом на место по адресу: %2$s.",
        "В ответ на Ваше обращение от %6$s сообщаем, что вопрос «%1$s» изучен отделом.",
        "Уважаемый заявитель! Ваше обращение по вопросу «%1$s» рассмотрено в установленный срок.",
        "По Вашему обращению от %6$s проведена проверка по адресу: %2$s.",
    ],
    "kk": [
        "Сіздің %6$s күнгі «%1$s» мәселесі бойынша өтінішіңізді қарап, мынаны хабарлаймыз.",
        "%6$s түскен «%1$s» туралы өтінішіңізге байланысты мынаны хабарлаймыз.",
        "Сіздің %6$s күнгі өтінішіңіз %2$s мекенжайына барып қаралды.",
        "Құрметті өтініш беруші! «%1$s» мәселесі бойынша өтінішіңіз белгіленген мерзімде қаралды.",
        "%6$s күнгі өтінішіңіз бойынша %2$s мекенжайында тексеру жүргізілді.",
        "Өтінішіңізге жауап ретінде «%1$s» мәселесі бөлімде зерделенгенін хабарлаймыз.",
    ],
    "en": [
        "Having considered your appeal of %6$s about “%1$s”, we inform you of the following.",
        "In reply to your appeal received on %6$s about “%1$s”, we report as follows.",
        "Your appeal of %6$s was examined on site at %2$s.",
    ],
}
PARAGRAPHS = {  # by language, then explained / satisfied / refused
    "ru": [[
        "Работы по данному вопросу включены в план на текущий год, их стоимость составляет %4$s "
        "тыс. тенге.",
        "Для решения вопроса Вам необходимо обратиться в ЦОН с заявлением и копией удостоверения "
        "личности.",
        "Согласно сведениям коммунальной службы, плановые работы по адресу %2$s завершатся до "
        "%3$s.",
        "Разъясняем, что срок рассмотрения такого заявления составляет %7$s рабочих дней.",
        "Вопрос находится на контроле отдела, информация о ходе работ будет размещена на сайте "
        "акимата.",
        "По результатам обследования составлен акт от %3$s, копия которого направлена "
        "управляющей компании.",
        "Консультацию можно получить в отделе по приёмным дням: вторник и четверг с 9:00 до 13:00.",
        "В бюджете на следующий год предусмотрено %4$s тыс. тенге на эти цели.",
    ], [
        "Бригада подрядной организации выполнила работы по адресу %2$s %3$s.",
        "Произведён перерасчёт, сумма %4$s тенге будет возвращена в следующем месяце.",
        "Неисправность устранена, работа оборудования восстановлена %3$s.",
        "Вы включены в список очерёдности под номером %4$s, решение направлено Вам по почте.",
        "Освещение по адресу %2$s восстановлено, заменено %7$s светильников.",
        "Выдано предписание управляющей компании, работы завершены %3$s.",
        "Выплата в размере %4$s тенге назначена и будет перечислена до %3$s.",
        "Мусор с территории по адресу %2$s вывезен, контейнерная площадка очищена %3$s.",
    ], [
        "Проверкой установлено, что по адресу %2$s нарушений не выявлено.",
        "Земельный участок по адресу %2$s расположен в охранной зоне инженерных сетей.",
        "Согласно пункту 2 статьи 91 АППК РК заявление не подлежит удовлетворению.",
        "Представленный пакет документов неполный: отсутствует справка о доходах за %7$s месяцев.",
        "Средства на эти работы в бюджете текущего года не предусмотрены.",
        "Дом по адресу %2$s находится в доверительном управлении, вопрос решают собственники.",
        "Доход семьи превышает установленный порог в %4$s тенге на человека.",
        "Срок подачи заявления истёк %3$s, продление законом не предусмотрено.",
    ]],
    "kk": [[
        "Бұл мәселе бойынша жұмыстар ағымдағы жылдың жоспарына енгізілген, құны %4$s мың теңге.",
        "Мәселені шешу үшін жеке куәлігіңіздің көшірмесімен ХҚКО-ға жүгінуіңіз қажет.",
        "Коммуналдық қызметтің мәліметінше, %2$s мекенжайындағы жұмыстар %3$s дейін аяқталады.",
        "Мұндай өтінішті қарау мерзімі %7$s жұмыс күні екенін түсіндіреміз.",
        "Мәселе бөлімнің бақылауында, жұмыс барысы туралы ақпарат әкімдік сайтында жарияланады.",
        "Тексеру нәтижесі бойынша %3$s күнгі акт жасалып, көшірмесі басқарушы компанияға "
        "жіберілді.",
        "Бөлімде қабылдау күндері кеңес алуға болады: сейсенбі мен бейсенбі, 9:00-ден 13:00-ге "
        "дейін.",
        "Келесі жылдың бюджетінде осы мақсатқа %4$s мың теңге қарастырылған.",
    ], [
        "Мердігер ұйымның бригадасы %2$s мекенжайы бойынша жұмыстарды %3$s орындады.",
        "Қайта есептеу жүргізілді, %4$s теңге келесі айда қайтарылады.",
        "Ақау жойылды, жабдықтың жұмысы %3$s қалпына келтірілді.",
        "Сіз кезекке %4$s нөмірімен қойылдыңыз, шешім поштамен жіберілді.",
        "%2$s мекенжайындағы жарықтандыру қалпына келтірілді, %7$s шам ауыстырылды.",
        "Басқарушы компанияға нұсқама берілді, жұмыстар %3$s аяқталды.",
        "%4$s теңге мөлшеріндегі төлем тағайындалды және %3$s дейін аударылады.",
        "%2$s мекенжайындағы аумақтан қоқыс шығарылды, контейнер алаңы %3$s тазартылды.",
    ], [
        "Тексеру барысында %2$s мекенжайы бойынша бұзушылықтар анықталған жоқ.",
        "%2$s мекенжайындағы жер учаскесі инженерлік желілердің күзет аймағында орналасқан.",
        "ҚР ӘРПК 91-бабының 2-тармағына сәйкес өтініш қанағаттандыруға жатпайды.",
        "Ұсынылған құжаттар толық емес: соңғы %7$s айдағы табыс туралы анықтама жоқ.",
        "Бұл жұмыстарға ағымдағы жылдың бюджетінде қаражат қарастырылмаған.",
        "%2$s мекенжайындағы үй сенімгерлік басқаруда, мәселені меншік иелері шешеді.",
        "Отбасының табысы бір адамға шаққанда белгіленген %4$s теңге шегінен асады.",
        "Өтініш беру мерзімі %3$s өтіп кеткен, оны ұзарту заңда көзделмеген.",
    ]],
    "en": [[
        "The work is in this year's plan at a cost of %4$s thousand tenge.",
        "To settle the matter, apply to a public service centre with a copy of your ID.",
        "The utility reports that the planned work at %2$s will be finished by %3$s.",
    ], [
        "The contractor's crew did the work at %2$s on %3$s.",
        "Your charges were recalculated: %4$s tenge will be refunded next month.",
        "The fault was repaired and the equipment restored on %3$s.",
    ], [
        "The inspection found no violation at %2$s.",
        "The plot at %2$s lies in the protection zone of utility networks.",
        "The family's income exceeds the threshold of %4$s tenge per person.",
    ]],
}  # fmt: skip
CLOSINGS = {
    "ru": [[
        "Дополнительную информацию можно получить по телефону %8$s.",
        "Благодарим за активную гражданскую позицию.",
        "При возникновении вопросов обращайтесь в отдел по телефону %8$s.",
        "Надеемся, что разъяснение поможет решить Ваш вопрос.",
    ], [
        "Благодарим за обращение, вопрос снят с контроля.",
        "О завершении работ Вы можете сообщить по телефону %8$s.",
        "Благодарим за сигнал и за терпение.",
        "Если неисправность повторится, сообщите по телефону %8$s.",
    ], [
        "В случае несогласия Вы вправе обжаловать ответ в вышестоящий орган или в суд в течение "
        "трёх месяцев.",
        "Данный ответ может быть обжалован в порядке, установленном АППК РК, в течение %7$s "
        "рабочих дней.",
        "Вы вправе обратиться в суд в течение трёх месяцев со дня получения ответа.",
        "Обжаловать решение можно в акимат области или в суд в установленный срок.",
    ]],
    "kk": [[
        "Қосымша ақпаратты %8$s телефоны арқылы алуға болады.",
        "Белсенді азаматтық ұстанымыңызға алғыс білдіреміз.",
        "Сұрақтар туындаса, бөлімге %8$s телефоны арқылы хабарласыңыз.",
        "Түсіндірме мәселеңізді шешуге көмектеседі деп үміттенеміз.",
    ], [
        "Өтінішіңізге рахмет, мәселе бақылаудан алынды.",
        "Жұмыстардың аяқталуы туралы %8$s телефоны арқылы хабарлай аласыз.",
        "Хабарламаңыз бен шыдамдылығыңызға рахмет.",
        "Ақау қайталанса, %8$s телефоны арқылы хабарлаңыз.",
    ], [
        "Келіспеген жағдайда жауапты үш ай ішінде жоғары тұрған органға немесе сотқа шағымдана "
        "аласыз.",
        "Бұл жауапқа ӘРПК-де белгіленген тәртіппен %7$s жұмыс күні ішінде шағым жасауға болады.",
        "Жауапты алған күннен бастап үш ай ішінде сотқа жүгінуге құқылысыз.",
        "Шешімге облыс әкімдігіне немесе сотқа белгіленген мерзімде шағым жасауға болады.",
    ]],
    "en": [[
        "For more information call %8$s.",
        "We hope this explanation helps.",
    ], [
        "Thank you for your appeal; the matter is closed.",
        "If the fault comes back, call %8$s.",
    ], [
        "You may appeal against this answer to the higher body or the court within three months.",
        "You may go to court within three months of receiving this answer.",
    ]],
}  # fmt: skip
SIGNATURES = {"ru": "Исполнитель: %5$s, тел. %8$s.", "kk": "Орындаушы: %5$s, тел. %8$s.",
              "en": "Officer: %5$s, tel. %8$s."}  # fmt: skip
LANGUAGES = ("ru", "kk", "en")
OPENING_COUNT, PARAGRAPH_COUNT, CLOSING_COUNT = 6, 8, 4
TEMPLATED = 0.25  # of a body's answers on a topic and of a kind


def _padded(items: list[str], size: int) -> list[str]:
    """English has fewer texts: repeated to the size of the others, so indexes match."""
    return [items[i % len(items)] for i in range(size)]


def answer_parameters() -> dict[str, list[str]]:
    return {
        "answer_openings": [
            t for lang in LANGUAGES for t in _padded(OPENINGS[lang], OPENING_COUNT)
        ],
        "answer_paragraphs": [
            t for lang in LANGUAGES for kind in PARAGRAPHS[lang]
            for t in _padded(kind, PARAGRAPH_COUNT)
        ],
        "answer_closings": [
            t for lang in LANGUAGES for kind in CLOSINGS[lang]
            for t in _padded(kind, CLOSING_COUNT)
        ],
        "answer_signatures": [SIGNATURES[lang] for lang in LANGUAGES],
    }  # fmt: skip


def _slot(draw_sql: str, before: int, size: int) -> str:
    """One pick in [0, size) from the digits of `draw_sql` after `before` earlier picks."""
    return f"mod(floor({draw_sql} * {before * size})::bigint, {size})::int"


def answer_text(kind: str, staff_name: str) -> str:
    """SQL of the answer to the appeal in `s` (its language s.lang, `kind` 1–3)."""
    template = draw("answer_topic", f"s.agency_id * 1009 + s.category_id * 7 + {kind}")
    pick = (
        f"(CASE WHEN {draw('answer_template')} < {TEMPLATED} THEN {template}"
        f" ELSE {draw('answer_pick')} END)"
    )
    opening = _slot(pick, 1, OPENING_COUNT)
    first = _slot(pick, OPENING_COUNT, PARAGRAPH_COUNT)
    # Four paragraphs, each a few steps after the one before.
    second = f"mod({first} + 1 + {_slot(pick, OPENING_COUNT * 8, 3)}, {PARAGRAPH_COUNT})"
    third = f"mod({second} + 1 + {_slot(pick, OPENING_COUNT * 24, 3)}, {PARAGRAPH_COUNT})"
    fourth = f"mod({third} + 1 + {_slot(pick, OPENING_COUNT * 72, 2)}, {PARAGRAPH_COUNT})"
    closing = _slot(pick, OPENING_COUNT * 144, CLOSING_COUNT)
    base = f"((s.lang - 1) * 3 + {kind} - 1)"
    paragraph = f"(%(answer_paragraphs)s::text[])[{base} * {PARAGRAPH_COUNT} + 1 + {{}}]"
    detail = draw("answer_detail")
    return f"""format(
        (%(answer_openings)s::text[])[(s.lang - 1) * {OPENING_COUNT} + 1 + {opening}]
        || ' ' || {paragraph.format(first)} || ' ' || {paragraph.format(second)}
        || ' ' || {paragraph.format(third)} || ' ' || {paragraph.format(fourth)} || E'\\n'
        || (%(answer_closings)s::text[])[{base} * {CLOSING_COUNT} + 1 + {closing}]
        || E'\\n' || (%(answer_signatures)s::text[])[s.lang],
        lower(subject.value),
        {pick_street()} || ', ' || (1 + floor({detail} * 180)::int),
        to_char((s.e_close AT TIME ZONE %(tz)s)::date + floor({detail} * 40)::int, 'DD.MM.YYYY'),
        (10 + mod(floor({detail} * 1e6)::bigint, 990))::text,
        {staff_name},
        to_char((s.received_at AT TIME ZONE %(tz)s)::date, 'DD.MM.YYYY'),
        (3 + mod(floor({detail} * 1e8)::bigint, 27))::text,
        '8 (7' || (10 + mod(floor({detail} * 1e10)::bigint, 90)) || ') '
            || lpad(mod(floor({detail} * 1e15)::bigint, 1000000)::text, 6, '0'))"""


def pick_street() -> str:
    return "(%(streets)s::text[])[1 + floor(r_street * cardinality(%(streets)s::text[]))::int]"
