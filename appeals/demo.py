"""The demo world of `make run`: citizens, staff of three bodies and the Government in
every role and of every other ranked body in three, and two years of appeals to every
akimat and active ministry in every status with their route history, written in bulk:
enough for each body to be ranked in every period (docs/rankings.md, "The demo's
rankings").

Idempotent: people are found by email, and each body's appeals are made only once.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.identifiers import check_digit
from accounts.models import Membership, User
from agencies.models import Agency, AppealType
from agencies.workdays import WorkCalendar
from appeals.demo_route import NEIGHBOURS, Deadlines, demo_appeal, forwarded, rate
from appeals.demo_world import DAYS_OF_HISTORY, demo_bodies, ranked_agencies, receipt_times
from appeals.demo_write import DemoAppeal, demo_write
from appeals.models import Appeal

DEMO_DOMAIN = "otinish.test"
DEMO_PASSWORD = "otinish-demo"  # noqa: S105 - printed on purpose: these are demo logins
DEMO_AGENCIES = ("akimat-kz-75", "akimat-kz-71", "mtszn")
# Staff only: the Office of the Government decides the complaints about the three.
STAFFED_AGENCIES = (*DEMO_AGENCIES, "government")
Status, Role = Appeal.Status, Membership.Role
# Enough roles at every other ranked body to route an appeal (appeals/demo_route.py).
BODY_ROLES = (Role.REGISTRAR, Role.EXECUTOR, Role.HEAD)
RESIDENTS = 120  # the applicants of the other bodies' appeals, without a login


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
RESIDENT_NAMES = (
    "Айгүл Серікова", "Бақыт Жұмабеков", "Елена Попова", "Қанат Әбенов", "Мадина Исмаилова",
    "Олжас Нұрланов", "Зарина Ким", "Ержан Тоқтаров", "Татьяна Волкова", "Асылжан Мұратов",
)  # fmt: skip
STAFF_ROLES = (
    Membership.Role.REGISTRAR,
    Membership.Role.EXECUTOR,
    Membership.Role.HEAD,
    Membership.Role.CONTROLLER,
    Membership.Role.FRONT_OFFICE,
    Membership.Role.OFFICIAL,  # holds receptions (receptions/demo.py gives him his meetings)
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
    others = [agency.code for agency in ranked_agencies() if agency.code not in staff]
    staff.update(_body_staff(others))
    others_role = "head (and registrar., executor.) of every other akimat and ministry"
    logins.append(DemoLogin(f"head.<code>@{DEMO_DOMAIN}", others_role))
    return citizens, staff, logins


def _body_staff(codes: list[str]) -> dict[str, dict[str, User]]:
    """A registrar, an executor and a head of each body, made in bulk once."""
    wanted = {
        f"{role.replace('_', '-')}.{code}@{DEMO_DOMAIN}": (code, role)
        for code in codes
        for role in BODY_ROLES
    }
    known = set(User.objects.filter(email__in=wanted).values_list("email", flat=True))
    User.objects.bulk_create(
        User(email=email, full_name=STAFF_NAMES[index % len(STAFF_NAMES)],
             password=_demo_password_hash())
        for index, email in enumerate(wanted) if email not in known
    )  # fmt: skip
    users = {user.email: user for user in User.objects.filter(email__in=wanted)}
    agencies = dict(Agency.objects.filter(code__in=codes).values_list("code", "pk"))
    Membership.objects.bulk_create(
        [Membership(user=users[email], agency_id=agencies[code], role=role)
         for email, (code, role) in wanted.items()],
        ignore_conflicts=True,
    )  # fmt: skip
    staff: dict[str, dict[str, User]] = {code: {} for code in codes}
    for email, (code, role) in wanted.items():
        staff[code][role] = users[email]
    return staff


def _residents() -> list[User]:
    """The applicants of the other bodies' appeals: people without a login, made once."""
    emails = [f"resident-{index:03d}@{DEMO_DOMAIN}" for index in range(RESIDENTS)]
    known = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        User(email=email, full_name=RESIDENT_NAMES[index % len(RESIDENT_NAMES)],
             password=make_password(None))
        for index, email in enumerate(emails) if email not in known
    )  # fmt: skip
    return list(User.objects.filter(email__in=emails).order_by("email"))


def demo_appeals(citizens: list[User], staff: dict[str, dict[str, User]], seed: int = 2026) -> int:
    """Two years of appeals to every ranked body (the three demo bodies' from the demo
    citizens), with their routes and ratings, once for each body (a demo loaded before
    the other bodies had any gets theirs); returns how many were made."""
    rng = random.Random(seed)
    now = timezone.now()
    deadlines = Deadlines(
        WorkCalendar.load(
            (now - datetime.timedelta(days=DAYS_OF_HISTORY)).date(),
            (now + datetime.timedelta(days=60)).date(),
        )
    )
    types = list(AppealType.objects.exclude(code="complaint"))
    residents = _residents()
    done = set(
        Appeal.objects.filter(applicant__in=[*citizens, *residents])
        .values_list("agency__code", flat=True)
        .distinct()
    )
    applicants = {code: citizens if code in DEMO_AGENCIES else residents for code in staff}
    bodies = [body for body in demo_bodies(rng, staff, applicants) if body.agency.code not in done]
    heads = {code: people[Role.HEAD].pk for code, people in staff.items()}
    agencies = {body.agency.code: body.agency.pk for body in bodies}
    agencies.update(Agency.objects.filter(code__in=NEIGHBOURS.values()).values_list("code", "pk"))
    appeals: list[DemoAppeal] = []
    for body in bodies:
        made = []
        for received in receipt_times(rng, now, body):
            appeal = demo_appeal(rng, now, deadlines, body, received, rng.choice(types))
            forwarded(rng, now, appeal, heads, agencies)
            made.append(appeal)
        rate(rng, now, body, made)
        appeals += made
    if appeals:
        demo_write(appeals)
    return len(appeals)
