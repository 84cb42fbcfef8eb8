"""A small demo world for `make run`: citizens, staff of three agencies in every role,
and a few hundred appeals in every status with their route history.

Idempotent: people are found by email, and appeals are made only once.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.identifiers import check_digit
from accounts.models import Membership, User
from agencies.models import Agency, AppealType, Category, Region
from agencies.workdays import WorkCalendar
from appeals.models import Appeal, AppealEvent, Feedback, format_reference, next_reference_numbers

DEMO_DOMAIN = "otinish.test"
DEMO_PASSWORD = "otinish-demo"  # noqa: S105 - printed on purpose: these are demo logins
DEMO_AGENCIES = ("akimat-kz-75", "akimat-kz-71", "mtszn")
# Staff only: the Office of the Government decides the complaints about the three.
STAFFED_AGENCIES = (*DEMO_AGENCIES, "government")
APPEALS_PER_AGENCY = 400
DAYS_OF_HISTORY = 120
Status = Appeal.Status


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str


def _valid_number(first_eleven: str) -> str:
    """Appends the check digit, bumping the serial until one exists."""
    serial = int(first_eleven[7:])
    while (digit := check_digit(first_eleven)) is None:
        serial += 1
        first_eleven = f"{first_eleven[:7]}{serial:04d}"
    return first_eleven + str(digit)


CITIZENS = (
    ("aigerim@otinish.test", "Айгерим Сапарова", "individual", "9003154"),
    ("nurlan@otinish.test", "Нурлан Ахметов", "individual", "8507223"),
    ("olga@otinish.test", "Ольга Ким", "individual", "7711014"),
    ("daniyar@otinish.test", "Данияр Омаров", "individual", "0102285"),
    ("tabys@otinish.test", "ТОО «Табыс Құрылыс»", "legal", "1504400"),
)
STAFF_NAMES = (
    "Асель Нурланова", "Ерлан Касымов", "Гульнара Жумабаева", "Марат Исаев", "Динара Ким",
    "Тимур Абдрахманов", "Жанар Сейтказиева", "Сергей Петров", "Айжан Муратова", "Бекзат Ораз",
    "Лаура Ахметова", "Руслан Байжанов", "Светлана Ли", "Нуржан Тулегенов", "Камила Садыкова",
)  # fmt: skip
STAFF_ROLES = (
    Membership.Role.REGISTRAR,
    Membership.Role.EXECUTOR,
    Membership.Role.HEAD,
    Membership.Role.CONTROLLER,
    Membership.Role.FRONT_OFFICE,
)


@lru_cache(maxsize=1)
def _demo_password_hash() -> str:
    # Hashing is slow on purpose; every demo login shares one password, so hash it once.
    return make_password(DEMO_PASSWORD)


def _user(email: str, full_name: str, **fields: str | bool) -> User:
    user, _created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "password": _demo_password_hash(), **fields}
    )
    return user


def demo_people() -> tuple[list[User], dict[str, dict[str, User]], list[DemoLogin]]:
    logins = [DemoLogin(f"admin@{DEMO_DOMAIN}", "administrator")]
    _user(f"admin@{DEMO_DOMAIN}", "Администратор", is_staff=True, is_superuser=True)
    citizens = []
    for index, (email, name, kind, first_seven) in enumerate(CITIZENS):
        number = _valid_number(f"{first_seven}{index + 1:04d}")
        citizens.append(_user(email, name, kind=kind, iin_bin=number, phone="+77010000000"))
        logins.append(DemoLogin(email, "citizen"))
    staff: dict[str, dict[str, User]] = {}
    for code in STAFFED_AGENCIES:
        agency = Agency.objects.get(code=code)
        staff[code] = {}
        for role in STAFF_ROLES:
            email = f"{role.replace('_', '-')}.{code}@{DEMO_DOMAIN}"
            name = STAFF_NAMES[(len(staff[code]) + 5 * STAFFED_AGENCIES.index(code)) % 15]
            user = _user(email, name)
            Membership.objects.get_or_create(user=user, agency=agency, role=role)
            staff[code][role] = user
            logins.append(DemoLogin(email, f"{role.label}, {agency.abbreviation or code}"))
    return citizens, staff, logins


def demo_appeals(citizens: list[User], staff: dict[str, dict[str, User]], seed: int = 2026) -> int:
    if Appeal.objects.filter(applicant__in=citizens).exists():
        return 0
    rng = random.Random(seed)
    now = timezone.now()
    calendar = WorkCalendar.load(
        (now - datetime.timedelta(days=DAYS_OF_HISTORY)).date(),
        (now + datetime.timedelta(days=60)).date(),
    )
    types = list(AppealType.objects.all())
    regions = {region.code: region for region in Region.objects.all()}
    local_categories = list(Category.objects.filter(jurisdiction="local", parent__isnull=False))
    appeals: list[Appeal] = []
    events: list[list[AppealEvent]] = []
    for code in DEMO_AGENCIES:
        agency = Agency.objects.get(code=code)
        categories = (
            list(Category.objects.filter(central_agency=agency, parent__isnull=False))
            or local_categories
        )
        region = agency.region or regions["KZ-75"]
        for _ in range(APPEALS_PER_AGENCY):
            appeal, history = _one_appeal(
                rng, now, calendar, agency, staff[code], rng.choice(citizens),
                rng.choice(types), rng.choice(categories), region,
            )  # fmt: skip
            _forwarded(rng, appeal, history, staff)
            appeals.append(appeal)
            events.append(history)
    numbers = next_reference_numbers(len(appeals))
    for appeal, number in zip(appeals, numbers, strict=True):
        appeal.reference = format_reference(appeal.type.prefix, appeal.received_at.year, number)
    with transaction.atomic():
        Appeal.objects.bulk_create(appeals, batch_size=500)
        for appeal, history in zip(appeals, events, strict=True):
            for event in history:
                event.appeal = appeal
        AppealEvent.objects.bulk_create([e for h in events for e in h], batch_size=1000)
        Feedback.objects.bulk_create(_demo_feedback(rng, appeals))
    return len(appeals)


def _demo_feedback(rng: random.Random, appeals: list[Appeal]) -> list[Feedback]:
    """About a third of answers rated; each agency has its own share of dissatisfied."""
    share = {code: 0.25 + 0.1 * index for index, code in enumerate(DEMO_AGENCIES)}
    feedback = []
    for appeal in appeals:
        if appeal.status != Status.ANSWERED or rng.random() > 0.35:
            continue
        unhappy = rng.random() < share[appeal.agency.code]
        reason = rng.choice(list(Feedback.Reason)) if unhappy else ""
        feedback.append(Feedback(appeal=appeal, satisfied=not unhappy, reason=reason))
    return feedback


SUBJECTS = (
    "Нет отопления в доме", "Яма на дороге во дворе", "Не вывозят мусор",
    "Задержка выплаты пособия", "Просьба установить освещение", "Очередь на жильё",
    "Жылу берілмейді", "Аулада жол жөндеу қажет",
)  # fmt: skip
RECENT_STATUSES = (
    Status.SUBMITTED, Status.REGISTERED, Status.IN_PROGRESS, Status.IN_PROGRESS,
    Status.ANSWERED, Status.WITHDRAWN,
)  # fmt: skip
FINAL_STATUSES = (
    *[Status.ANSWERED] * 12, Status.TERMINATED, Status.WITHDRAWN, Status.IN_PROGRESS,
)  # fmt: skip
# One body leaves many appeals without consideration: its answer rate shows it (method. 3).
TERMINATING = {"akimat-kz-71": 0.2}
# Answers sent over a warning of the answer check (method. 4): one body does it often.
WARNED = {"akimat-kz-75": 0.15}
WARNED_ELSEWHERE = 0.03


def _one_appeal(
    rng: random.Random,
    now: datetime.datetime,
    calendar: WorkCalendar,
    agency: Agency,
    people: dict[str, User],
    applicant: User,
    appeal_type: AppealType,
    category: Category,
    region: Region,
) -> tuple[Appeal, list[AppealEvent]]:
    received = now - datetime.timedelta(minutes=rng.randint(60, DAYS_OF_HISTORY * 24 * 60))
    # As in a working agency: recent appeals are still in hand, older ones mostly closed,
    # and a few are overdue.
    age = (now - received).days
    status = rng.choice(RECENT_STATUSES if age < 30 else FINAL_STATUSES)
    if age >= 30 and rng.random() < TERMINATING.get(agency.code, 0):
        status = Status.TERMINATED
    appeal = Appeal(
        type=appeal_type, applicant=applicant, category=category, region=region,
        subject=rng.choice(SUBJECTS), text="Прошу рассмотреть мою проблему и принять меры.",
        language="ru", addressee=agency, agency=agency, status=status, received_at=received,
        due_at=calendar.due_at(received, appeal_type.deadline_working_days),
    )  # fmt: skip
    return appeal, _route(rng, now, appeal, people)


def _route(
    rng: random.Random, now: datetime.datetime, appeal: Appeal, people: dict[str, User]
) -> list[AppealEvent]:
    """The events that brought `appeal` to its status; closes it as they say."""
    history: list[AppealEvent] = []
    received, status, Role = appeal.received_at, appeal.status, Membership.Role

    def step(action: str, actor: User | None, to_status: str, hours: int, **extra: object) -> None:
        moment = min(received + datetime.timedelta(hours=hours), now)
        previous = history[-1].to_status if history else ""
        history.append(
            AppealEvent(
                action=action, actor=actor, created_at=moment, from_status=previous,
                to_status=to_status, **{"to_agency": appeal.agency, **extra},
            )
        )  # fmt: skip

    step("appeal.submitted", appeal.applicant, Status.SUBMITTED, 0)
    if status == Status.WITHDRAWN:
        step("appeal.withdrawn", appeal.applicant, Status.WITHDRAWN, 30, comment="Вопрос решён.")
    if status in (Status.WITHDRAWN, Status.SUBMITTED):
        return history
    step("appeal.registered", people[Role.REGISTRAR], Status.REGISTERED, 4)
    if status == Status.TERMINATED:
        appeal.termination_reason = Appeal.TerminationReason.NO_SUBSTANCE
        appeal.answered_at = min(received + datetime.timedelta(hours=30), now)
        step("appeal.terminated", people[Role.HEAD], Status.TERMINATED, 30)
    if status in (Status.TERMINATED, Status.REGISTERED):
        return history
    appeal.executor = people[Role.EXECUTOR]
    step("appeal.assigned", people[Role.HEAD], Status.IN_PROGRESS, 8)
    if status == Status.ANSWERED:
        answered = min(received + datetime.timedelta(days=rng.randint(2, 25)), now)
        appeal.answered_at = answered
        appeal.answer_kind = rng.choice(list(Appeal.AnswerKind))
        appeal.answer_text = "Ваше обращение рассмотрено, приняты меры."
        appeal.answer_warned = rng.random() < WARNED.get(appeal.agency.code, WARNED_ELSEWHERE)
        data = {"kind": appeal.answer_kind} | (
            {"warnings": ["short", "no_action"]} if appeal.answer_warned else {}
        )
        # After the assignment (8 hours in), also when the appeal is only hours old.
        hours = max(int((answered - received).total_seconds() // 3600), 9)
        step("appeal.answered", appeal.executor, Status.ANSWERED, hours, data=data)
    return history


# Between the two akimats: some appeals reached the wrong one first (a few forwarded late),
# and a few went back and forth (sent back with the head's reason: a return).
NEIGHBOURS = {"akimat-kz-75": "akimat-kz-71", "akimat-kz-71": "akimat-kz-75"}


def _forwarded(
    rng: random.Random, appeal: Appeal, history: list[AppealEvent],
    staff: dict[str, dict[str, User]],
) -> None:  # fmt: skip
    """Maybe rewrites the route's start: first to the neighbour, forwarded here within hours
    (maybe back and forth once more); or, still unregistered, forwarded after 5 days: late."""
    other_code = NEIGHBOURS.get(appeal.agency.code)
    if other_code is None or rng.random() > 0.15:
        return
    other, here = Agency.objects.get(code=other_code), appeal.agency
    submitted = history[0]
    if len(history) > 1:
        gap = history[1].created_at - submitted.created_at
        hops = [(other, here)] if rng.random() < 0.7 else [(here, other), (other, here)]
    elif submitted.created_at < timezone.now() - datetime.timedelta(days=7):
        gap, hops = datetime.timedelta(days=10), [(other, here)]
    else:
        return
    appeal.addressee, appeal.forward_count = hops[0][0], len(hops)
    submitted.to_agency = hops[0][0]
    for index, (source, target) in enumerate(hops, start=1):
        data: dict[str, object] = {"late": len(history) == 1}
        if index == 2:
            data.update(returned=True, return_reason="Дом на балансе акимата, куда писал житель.")
        history.insert(index, AppealEvent(
            action="appeal.forwarded", actor=staff[source.code][Membership.Role.HEAD],
            created_at=submitted.created_at + gap * index / (len(hops) + 1),
            from_status=Status.SUBMITTED, to_status=Status.SUBMITTED, from_agency=source,
            to_agency=target, comment="Не наша компетенция.", data=data,
        ))  # fmt: skip
