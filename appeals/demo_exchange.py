"""The demo's answer templates for each demo body, and a few questions to applicants, most
replied to (one with a file), all through the real services; made once."""

from __future__ import annotations

from accounts.models import Membership, User
from agencies.models import Agency, Category
from appeals.attachments import CleanFile
from appeals.models import AnswerTemplate, Appeal, Question
from appeals.questions import appeal_ask, question_reply

Role = Membership.Role
QUESTIONS_PER_BODY = 3
# (title, language, topic code or None, text): akimats', then the ministry's.
LOCAL_TEMPLATES = (
    ("Отопление: подача восстановлена", "ru", "housing-heating",
     "Уважаемый(ая) {applicant}! По Вашему обращению {reference} от {received} сообщаем: "
     "подача тепла в дом восстановлена, температура в квартирах проверена комиссией. "
     "Если отопление снова пропадёт, сообщите нам, указав номер обращения."),
    ("Благоустройство: работы включены в план", "ru", "public-spaces",
     "Уважаемый(ая) {applicant}! Ваше обращение {reference} «{subject}» рассмотрено. Работы "
     "включены в план благоустройства; исполнитель — {executor}. О сроках сообщим дополнительно."),
    ("Разъяснение порядка", "ru", None,
     "Уважаемый(ая) {applicant}! По обращению {reference} {agency} разъясняет: "),
    ("Түсіндірме", "kk", None,
     "Құрметті {applicant}! {reference} өтінішіңіз бойынша {agency} түсіндіреді: "),
)  # fmt: skip
MINISTRY_TEMPLATES = (
    ("Пособие: назначено", "ru", "social-protection",
     "Уважаемый(ая) {applicant}! По обращению {reference} сообщаем: пособие назначено, первая "
     "выплата будет произведена в следующем месяце. Ответ подготовил(а) {executor}."),
    ("Пенсия: перерасчёт", "ru", "pensions-benefits",
     "Уважаемый(ая) {applicant}! По обращению {reference} от {received} проведён перерасчёт "
     "пенсии; сведения направлены в Государственную корпорацию."),
    ("Түсіндірме", "kk", None,
     "Құрметті {applicant}! {reference} өтінішіңіз бойынша {agency} түсіндіреді: "),
)  # fmt: skip
ASKED = (
    (Question.Kind.CLARIFICATION, "Уточните, пожалуйста, номер дома и квартиры."),
    (Question.Kind.DOCUMENT, "Приложите, пожалуйста, копию справки или акта, о котором пишете."),
    (Question.Kind.CLARIFICATION, "С какого числа продолжается проблема?"),
)
REPLIES = ("Дом 10, квартира 12.", "Прилагаю акт.", None)  # None: not replied yet
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def demo_templates(bodies: tuple[str, ...]) -> int:
    """The bodies' answer templates, once; returns how many were made."""
    if AnswerTemplate.objects.filter(agency__code__in=bodies).exists():
        return 0
    made = 0
    for code in bodies:
        agency = Agency.objects.get(code=code)
        rows = MINISTRY_TEMPLATES if agency.kind == Agency.Kind.MINISTRY else LOCAL_TEMPLATES
        for title, language, topic, text in rows:
            category = Category.objects.get(code=topic) if topic else None
            AnswerTemplate.objects.create(
                agency=agency, title=title, language=language, category=category, text=text
            )
            made += 1
    return made


def demo_questions(
    citizens: list[User], staff: dict[str, dict[str, User]], bodies: tuple[str, ...]
) -> int:
    """Questions of each body's head on appeals in progress, once; returns how many."""
    if Question.objects.filter(appeal__applicant__in=citizens).exists():
        return 0
    asked = 0
    for code in bodies:
        appeals = Appeal.objects.filter(
            agency__code=code, applicant__in=citizens, status=Appeal.Status.IN_PROGRESS
        ).order_by("-received_at")[:QUESTIONS_PER_BODY]
        for appeal, (kind, text), reply in zip(appeals, ASKED, REPLIES, strict=False):
            appeal_ask(appeal_id=appeal.pk, actor=staff[code][Role.HEAD], kind=kind, text=text)
            asked += 1
            if reply is None:
                continue
            files = [CleanFile("акт.pdf", "application/pdf", DEMO_PDF)] * (kind == "document")
            question_reply(
                question_id=appeal.questions.latest("pk").pk, actor=appeal.applicant,
                text=reply, attachments=files,
            )  # fmt: skip
    return asked
