"""The words the check against formal replies looks for (appeals/answer_rules.py), in
Russian, Kazakh and English: legal references, grounds, ways to challenge, actions, dates.
The labelling rules and the measured precision are in tests/appeals/answer_labels/README.md."""

from __future__ import annotations

import re

FLAGS = re.IGNORECASE | re.UNICODE


def words(*alternatives: str) -> re.Pattern[str]:
    """A pattern matching any alternative starting at a word boundary."""
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", FLAGS)


# An article, point or part of an act, with its number on either side ("ст. 91", "пункта
# 2", "91-бабы", "2-тармағы", "article 91(2)").
ARTICLE_WORD = (
    r"стат(?:ья|ьи|ье|ьей|ью|ей|ьям)|ст\.|пункт\w*|п\.|подпункт\w*|пп\.|част(?:ь|и|ью)|"
    r"глав\w*|бап\w*|баб\w*|тарма[қғ]\w*|бөлім\w*|бөлік\w*|"
    r"articles?|art\.|sections?|paragraphs?|clauses?|points?|subparagraphs?"
)
ARTICLE_NUMBERED = re.compile(
    rf"(?<!\w)(?:{ARTICLE_WORD})\s*(?:№\s*)?\d+(?:[.\-]\d+)*(?:\)|\(\d+\))?|"
    rf"\d+(?:[.\-]\d+)*\)?[\s\-–]*(?:{ARTICLE_WORD})",
    FLAGS,
)
# A legal act named in full, or by its usual abbreviation (case-sensitive: "ЗК РК", "АППК").
ACT = words(
    r"закон(?!одател)\w*", r"кодекс\w*", r"приказ\w*", r"постановлени\w*", r"правил(?!ьн)\w*",
    r"положени\w*", r"указ(?!анн)\w*", r"регламент\w*", r"стандарт\w*", r"конституци\w*",
    r"решени\w* маслихат\w*",
    r"заң(?!нам)\w*", r"бұйры[қғ]\w*", r"қаулы\w*", r"қағид\w*", r"ереже\w*", r"жарлы[қғ]\w*",
    r"ата заң\w*", r"laws?\b", r"codes?\b", r"orders?\b", r"decrees?\b", r"rules\b",
    r"acts?\b", r"regulations?\b", r"constitution\b",
)  # fmt: skip
ACT_ABBREVIATION = re.compile(
    r"(?<!\w)(?:АППК|ӘРПК|ЗК|ГК|НК|ЖК|УК|КоАП|ӘҚБтК|ҚР\s+ЖК|ҚР\s+АК|ЖҚ|ТК|ЭК|APPC|"
    r"СН\s+РК|СП\s+РК|СНиП|ГОСТ|СТ\s+РК|ҚН|ҚЕ)(?!\w)"
)
# The numbers and dates of a citation ("от 30.03.2023 № 45"): other numbers are the case's.
CITATION_NUMBER = re.compile(
    r"(?:от\s+|from\s+)?\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*(?:года|г\.|жылғы|ж\.)?|"
    r"\d{4}\s*(?:жылғы|года|г\.)\s*\d{1,2}\s*\w+|№\s*\d+[\w\-/]*|\d+\)|"
    r"(?<=РК)\s*[\d.\-]+\d|(?:СНиП|ГОСТ)\s*[\d.\-]+\d",
    FLAGS,
)
# What ties a sentence to the applicant's case: "you", an address, a year of events.
CASE_MARKER = words(
    r"вы\b", r"вас\b", r"вам\b", r"вами\b", r"ваш\w*", r"сіз\w*", r"\w+(?:ңыз|ңіз)\w*",
    r"you\b", r"your\b", r"ул\.", r"улиц\w*", r"пр\.", r"проспект\w*", r"мкр\.?",
    r"микрорайон\w*", r"көше\w*", r"даңғыл\w*", r"шағын аудан\w*", r"street\b",
    r"avenue\b", r"(?:19|20)\d\d\s*(?:год\w*|г\.|жыл\w*)",
)  # fmt: skip
# Words that introduce a legal provision.
CITING = words(
    r"согласно", r"в соответствии", r"соответствии с", r"предусмотрен\w*", r"гласит",
    r"установлен\w* (?:законом|кодексом|правилами|приказом)", r"на основании",
    r"регламентир\w*", r"определ\w* (?:законом|кодексом)", r"сәйкес", r"көзделген\w*",
    r"белгіленген\w*", r"негізінде", r"делінген", r"айқындалған", r"according to",
    r"pursuant to", r"under (?:article|the)", r"provides that", r"in accordance with",
)  # fmt: skip

# Why: a cause, a consequence or a finding of fact.
CAUSE = words(
    r"так как", r"поскольку", r"в связи с", r"ввиду", r"по причине", r"вследствие",
    r"в силу", r"ибо", r"потому что", r"из-за", r"основани\w+ (?:для отказа|отказа)",
    r"причин\w* отказа", r"установлено", r"выявлено", r"проверк\w+ показал\w*",
    r"себебі", r"өйткені", r"байланысты", r"салдарынан", r"себепті", r"анықтал\w*",
    r"\w+(?:ған|ген|қан|кен|атын|етін|йтын|йтін|тын|тін)(?:дық|дік)(?:тан|тен)",
    r"\w+(?:уына|уіне|уы|уі) байланысты",
    r"(?:нельзя|невозможно|нет|не может|не можем|мүмкін емес|жоқ|болмайды|cannot|not possible)\s*:",
    r"because", r"since", r"due to", r"owing to", r"as (?:the|your|it|there)", r"found that",
    r"the reason",
)  # fmt: skip
# A consequence drawn from the sentence before: that sentence holds the grounds.
THEREFORE = words(
    r"поэтому", r"в этой связи", r"в связи с этим", r"ввиду изложенного", r"учитывая изложенное",
    r"с учетом изложенного", r"на основании изложенного", r"исходя из изложенного",
    r"сондықтан", r"осыған байланысты", r"осыны ескере", r"жоғарыда(?:ғы)? айтылған\w*",
    r"therefore", r"for this reason", r"accordingly", r"consequently", r"hence", r"thus",
    r"(?<=, )so\b",
)  # fmt: skip
# Reasons that are no reason: "not our competence", "no legal grounds", with the body named.
NON_REASON = words(
    r"(?:не )?(?:относится|относятся|входит|входят) (?:к|в) (?:компетенци|ведени|полномочи)\w*"
    r"(?: \w+){0,3}",
    r"(?:\w+ ){0,3}құзырет\w* (?:жатпайды|кірмейді|жатпайтын\w*)",
    r"в связи с отсутствием (?:\w+ )?оснований", r"не представляется возможным",
    r"(?:\w+ ){0,2}негіздер\w* (?:жоқ|болмау\w*)", r"(?:is )?not within (?:the )?competence \w*",
)  # fmt: skip
# Vocabulary of formal replies: it says nothing about the applicant's case.
BOILERPLATE = words(
    r"обращени\w*", r"заявлени\w*", r"удовлетвор\w*", r"отказ\w*", r"основани\w*",
    r"отсутств\w*", r"ваш\w*", r"вам", r"вас", r"рассмотр\w*", r"законодательств\w*",
    r"действующ\w*", r"возможн\w*", r"представляется", r"данн\w*", r"вопрос\w*", r"сообща\w*",
    r"уведомля\w*", r"требовани\w*", r"установленн\w*", r"порядк\w*", r"норм\w*", r"правов\w*",
    r"имеется", r"имеют\w*", r"является", r"связи", r"также", r"которы\w*", r"этого", r"этой",
    r"изложенн\w*", r"указанн\w*", r"решени\w*", r"необходим\w*", r"причин\w*", r"просьб\w*",
    r"нет", r"не", r"было", r"была", r"были", r"будет", r"может", r"могут", r"лишь", r"только",
    r"өтініш\w*", r"қанағаттандыр\w*", r"бас тарт\w*", r"тартыл\w*", r"негіз\w*", r"жоқ",
    r"сіз\w*", r"қара\w*", r"заңнама\w*", r"қолданыстағы", r"мүмкін\w*", r"сұра\w*",
    r"хабарла\w*", r"талап\w*", r"тәртіп\w*", r"норма\w*", r"құқықтық", r"болып", r"табыл\w*",
    r"байланысты", r"себебі", r"өйткені", r"сондықтан", r"шешім\w*", r"қажет\w*", r"бұл",
    r"осы", r"және", r"сол", r"болмағандықтан", r"болғандықтан", r"your", r"request\w*",
    r"appeal\w*", r"application\w*", r"grounds?", r"because", r"there", r"that", r"this",
    r"with", r"have", r"been", r"legislation", r"current", r"possible", r"refus\w*",
    r"satisf\w*", r"reason\w*", r"компетенц\w*", r"предусмотрен\w*", r"категори\w*",
    r"нуждающ\w*", r"относ\w*", r"входит", r"оставлен\w*", r"этим", r"целесообраз\w*",
    r"құзырет\w*", r"кірмей\w*", r"жатпай\w*", r"көзделмеген", r"санат\w*", r"мұқтаж\w*",
    r"қалдыр\w*", r"осыған", r"орынсыз", r"competen\w*", r"provided",
)  # fmt: skip

# How to challenge: a verb, to whom, within what period.
CHALLENGE = words(
    r"обжал\w*", r"оспор\w*", r"обратиться в суд", r"обратиться с жалобой", r"подать жалобу",
    r"жалоб\w+ (?:может|можете|может быть)", r"вправе обратиться", r"шағым\w*", r"сотқа",
    r"дау айт\w*", r"даулау\w*", r"дауласу\w*", r"appeal against", r"appeal (?:this|the)",
    r"challenge", r"complain\w*", r"lodge a complaint", r"may appeal", r"can appeal",
)  # fmt: skip
BODY = words(
    r"суд\b", r"суда?\b", r"суде\b", r"судебн\w*", r"прокуратур\w*", r"вышестоящ\w*",
    r"министерств\w*", r"комитет\w*", r"департамент\w*", r"управлени\w*", r"аким\w*",
    r"уполномоченн\w* орган\w*", r"вышестоящему должностному", r"руководител\w*",
    r"сот(?:қа|та|тан|ы|ына|тың|ының)?\b", r"соттық", r"прокуратура\w*", r"жоғары тұрған",
    r"жоғарғы", r"министрлі\w*", r"комитет\w*", r"департамент\w*", r"басқарма\w*",
    r"әкім\w*", r"уәкілетті орган\w*", r"басшы\w*", r"court\w*", r"prosecutor\w*",
    r"higher (?:body|authority|agency)", r"ministry", r"committee", r"department", r"akim\w*",
    r"head of",
)  # fmt: skip
NUMBER_WORD = (
    r"\d+|одн\w+|один|две|двух|три|тр[её]х|пят\w+|десят\w+|пятнадцат\w+|тридцат\w+|шест\w+|"
    r"бір|екі|үш|бес|он|он бес|отыз|алты|one|two|three|five|ten|fifteen|thirty|six"
)
UNIT = (
    r"дн\w*|день|суток|месяц\w*|недел\w*|рабочих|календарных|лет|год\w*|"
    r"күн\w*|ай\w*|апта\w*|жұмыс|күнтізбелік|жыл\w*|days?|months?|weeks?|working|calendar"
)
PERIOD = re.compile(
    rf"(?<!\w)(?:{NUMBER_WORD})(?:\s*\(\w+\))?[\s\-]+(?:\w+\s+){{0,1}}(?:{UNIT})(?!\w)|"
    r"месячн\w+ срок|в течение месяца|бір ай|within a month",
    FLAGS,
)

# What was done or will be done, on a satisfied appeal.
ACTION = words(
    r"выполн\w+", r"провед\w+", r"проведут", r"произвед\w+", r"установ(?:лен|им|ят|ка)\w*",
    r"замен\w+", r"отремонт\w+", r"ремонт\w*", r"восстанов\w+", r"подключ\w+", r"начисл\w+",
    r"перечисл\w+", r"выплач\w+", r"выплат\w+", r"выдан\w*", r"выдад\w+", r"выдач\w+",
    r"направлен\w*", r"включен\w*", r"назнач\w+", r"оформлен\w*", r"зарегистр\w+",
    r"подготовлен\w*", r"исправлен\w*", r"вывез\w*", r"очищен\w*", r"убран\w*", r"засыпан\w*",
    r"заасфальт\w+", r"асфальтир\w+", r"демонтир\w+", r"снесен\w*", r"перенесен\w*",
    r"продлен\w*", r"пересчит\w+", r"перерасч\w+", r"возвращ\w+", r"возврат\w*",
    r"предоставлен[аоы]?\b", r"предостав(?:им|ят)", r"организован\w*", r"закуплен\w*",
    r"запланирован\w*", r"внесен\w*", r"отменен\w*", r"освещен\w*", r"покрашен\w*",
    r"построен\w*", r"открыт\w*", r"принят\w* на учет", r"поставлен\w* на учет",
    r"жүргізіл\w*", r"жүргізеді", r"орындал\w*", r"ауыстырыл\w*", r"жөнде\w*", r"қалпына",
    r"қосыл\w*", r"есептел\w*", r"аударыл\w*", r"төлен\w*", r"төленеді", r"беріл\w*",
    r"жіберіл\w*", r"енгізіл\w*", r"тағайында\w*", r"ресімдел\w*", r"тіркел\w*",
    r"дайындал\w*", r"түзетіл\w*", r"шығарыл\w*", r"тазала\w*", r"тазартыл\w*", r"асфальт\w*",
    r"бөлінді", r"бөлінеді", r"орнатыл\w*", r"салын\w*", r"қайтарыл\w*", r"ұсынылды",
    r"жоспарлан\w*", r"алынды", r"кезекке (?:қойыл|алын)\w*", r"ашыл\w*", r"жарықтандыр\w*",
    r"replaced", r"repaired", r"installed", r"restored", r"connected", r"paid", r"transferred",
    r"issued", r"included", r"appointed", r"scheduled", r"will be \w+ed", r"carried out",
    r"completed", r"fixed", r"cleaned", r"allocated", r"recalculated", r"refunded", r"registered",
)  # fmt: skip
MONTH = (
    r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]\b|июн\w*|июл\w*|август\w*|сентябр\w*|"
    r"октябр\w*|ноябр\w*|декабр\w*|қаңтар\w*|ақпан\w*|наурыз\w*|сәуір\w*|мамыр\w*|маусым\w*|"
    r"шілде\w*|тамыз\w*|қыркүйек\w*|қазан\w*|қараша\w*|желтоқсан\w*|january|february|march|"
    r"april|may|june|july|august|september|october|november|december"
)
DATE = re.compile(
    rf"\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|(?<!\w)(?:{MONTH})(?!\w)|"
    r"(?<!\d)(?:19|20)\d{2}\s*(?:г\.|год\w*|жыл\w*|ж\.)|"
    r"в течение \d+|\d+\s*(?:күн|жұмыс күн)\w* ішінде|within \d+|"
    r"(?<!\w)(?:завтра|сегодня|ертең|бүгін|tomorrow|today)(?!\w)|"
    r"(?<!\w)(?:I|II|III|IV)\s*(?:квартал\w*|тоқсан\w*|quarter)",
    FLAGS,
)
# "Measures were taken" names no action.
EMPTY_ACTION = words(
    r"приняты? (?:все )?(?:необходимые |соответствующие )?меры",
    r"меры (?:приняты|будут приняты)", r"тиісті шаралар қабылда\w*", r"шаралар қабылда\w*",
    r"measures (?:have been|were) taken", r"взят\w* на контроль", r"бақылауға алын\w*",
    r"провед\w* (?:\w+ )?работ\w*", r"работ\w* (?:\w+ )?провед\w*",
    r"(?:тиісті )?жұмыс\w* жүргізіл\w*", r"бақылаудан алын\w*", r"назарға алын\w*",
    r"тапсырма(?:лар)? беріл\w*", r"принят\w* (?:положительное )?решени\w*",
    r"оң шешім қабылдан\w*", r"work (?:has been|was) (?:done|carried out)",
    r"направлен\w* (?:в|на) [^.]{0,80}?(?:для|на) (?:рассмотрени|принятия мер|исполнени)\w*",
    r"[^.]{0,80}?қарау(?:ға| үшін) (?:жіберіл|жолдан)\w*", r"forwarded to [^.]{0,80}",
)  # fmt: skip
