"""The demo's receptions and meetings (`load_demo_meetings`, run by `make run` after
`load_demo`): an official of each demo body, a year of its held meetings with questions and
outcomes, one not held with its reason, upcoming receptions with free slots (one online),
a meeting with a target group, and a demo citizen's bookings; every other ranked body a
year of meetings too, so the figures rank them. Idempotent: a body with meetings is left."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, User
from agencies.models import Agency, Category
from agencies.workdays import ALMATY
from appeals.demo import CITIZENS, DEMO_AGENCIES, DEMO_DOMAIN, DEMO_PASSWORD, STAFFED_AGENCIES
from appeals.demo_world import ranked_agencies
from receptions.demo_history import (
    SLOT_MINUTES,
    Controls,
    Habit,
    Host,
    bookings_of,
    past_meetings,
    questions_of,
    ratings_of,
)
from receptions.models import Booking, Meeting, Question, QuestionFeedback, Slot

# The posts of the staffed bodies' officials (load_demo makes them; the names serve if not).
OFFICIALS = {
    "akimat-kz-75": ("Ерлан Сапаров", "Аким города Алматы"),
    "akimat-kz-71": ("Асхат Оспанов", "Заместитель акима города Астаны"),
    "mtszn": ("Гульмира Ержанова", "Вице-министр труда и социальной защиты населения"),
    "government": ("Кайрат Бекенов", "Заместитель Премьер-Министра"),
}
# Resolved, explained, under control, forwarded: one body says it solves nearly all.
HABITS = {
    "akimat-kz-75": Habit((0.55, 0.2, 0.2, 0.05), meetings=18, not_held=2),
    "akimat-kz-71": Habit((0.9, 0.06, 0.03, 0.01), meetings=16, not_held=1),
    "mtszn": Habit((0.74, 0.0, 0.26, 0.0), meetings=12, not_held=1),
}
OTHER_MEETINGS = 6
CITIZEN = "aigerim@otinish.test"  # the demo citizen whose bookings the pages show


def official_user(code: str) -> User:
    """The body's official (`official.<code>@…`), with his Membership; made once."""
    email = f"official.{code}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:  # hashing is slow on purpose: only for a user still to be made
        name = OFFICIALS[code][0]
        user = User.objects.create(email=email, full_name=name,
                                   password=make_password(DEMO_PASSWORD))  # fmt: skip
    agency = Agency.objects.get(code=code)
    Membership.objects.get_or_create(user=user, agency=agency, role=Membership.Role.OFFICIAL)
    return user


def _hosts() -> list[tuple[Host, Habit]]:
    """Every ranked body with who holds its meetings and how its questions end."""
    rng = random.Random(21)  # noqa: S311 - a seeded generator for repeatable demo data
    local = list(Category.objects.filter(jurisdiction="local", parent__isnull=False)
                 .order_by("pk").values_list("pk", "name_ru"))  # fmt: skip
    # The demo citizens book the demo bodies' receptions; the residents the others'.
    ours = list(User.objects.filter(email__in=[c[0] for c in CITIZENS]).order_by("email"))
    residents = list(
        User.objects.filter(
            email__startswith="resident-", email__endswith=f"@{DEMO_DOMAIN}"
        ).order_by("email")
    )
    hosts = []
    for agency in ranked_agencies():
        own = list(Category.objects.filter(central_agency=agency).values_list("pk", "name_ru"))
        official: User | None
        if agency.code in HABITS:
            official = official_user(agency.code)
            name, post = official.full_name, OFFICIALS[agency.code][1]
            habit = HABITS[agency.code]
        else:
            head = User.objects.filter(email=f"head.{agency.code}@{DEMO_DOMAIN}").first()
            official, name = head, head.full_name if head else agency.name_ru
            post = "Аким" if agency.kind == Agency.Kind.AKIMAT else "Министр"
            resolved = rng.uniform(0.55, 0.95)
            habit = Habit((resolved, (1 - resolved) / 2, (1 - resolved) / 2, 0.0), OTHER_MEETINGS)
        citizens = ours if agency.code in DEMO_AGENCIES else residents
        host = Host(agency, official, name, post, citizens, own or local)
        hosts.append((host, habit))
    return hosts


@transaction.atomic
def demo_meetings(seed: int = 2026) -> int:
    """Every body's meetings, once; returns how many meetings were made."""
    for code in STAFFED_AGENCIES:
        official_user(code)
    rng, now = random.Random(seed), timezone.now()  # noqa: S311 - repeatable demo data
    done = set(
        Meeting.objects.filter(imported=False).values_list("agency_id", flat=True).distinct()
    )
    made = 0
    for host, habit in _hosts():
        if host.agency.pk in done:
            continue
        meetings = Meeting.objects.bulk_create(past_meetings(rng, now, host, habit))
        controls = Controls(host.agency, now - datetime.timedelta(days=400))
        questions = questions_of(rng, meetings, host, habit, controls)
        bookings_of(questions)
        Question.objects.bulk_create(questions)
        QuestionFeedback.objects.bulk_create(ratings_of(rng, questions))
        made += len(meetings)
        if host.agency.code in DEMO_AGENCIES:
            made += _upcoming(now, host)
    return made


def _at(now: datetime.datetime, days: int, hour: int) -> datetime.datetime:
    day = (now + datetime.timedelta(days=days)).astimezone(ALMATY).date()
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ALMATY)


def _upcoming(now: datetime.datetime, host: Host) -> int:
    """A personal reception and an online one with free slots, a meeting with a target
    group and a visiting reception; the demo citizen has booked the first."""
    common = {"agency": host.agency, "official": host.official, "created_by": host.official,
              "official_name": host.official_name, "official_post": host.official_post,
              "region_id": host.agency.region_id or Agency.objects.get(code="akimat-kz-71")
              .region_id}  # fmt: skip
    plans = [
        (Meeting.Kind.PERSONAL, _at(now, 4, 10), {"place": "Приёмная, каб. 105"}),
        (Meeting.Kind.ONLINE, _at(now, 9, 15),
         {"video_link": "https://meet.otinish.test/online-reception"}),
        (Meeting.Kind.TARGET_GROUP, _at(now, 14, 11),
         {"target_group": Meeting.TargetGroup.FARMERS, "place": "Дом культуры",
          "topics": "Субсидии, пастбища, ветеринария"}),
        (Meeting.Kind.VISITING, _at(now, 21, 10),
         {"locality": "Наурызбайский район", "place": "Акимат района, актовый зал"}),
    ]  # fmt: skip
    meetings = Meeting.objects.bulk_create(
        Meeting(kind=kind, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                slot_minutes=SLOT_MINUTES if kind in Meeting.BOOKED_KINDS else None,
                **common, **fields)
        for kind, starts, fields in plans
    )  # fmt: skip
    for meeting in meetings:
        if meeting.slot_minutes:
            step = datetime.timedelta(minutes=meeting.slot_minutes)
            Slot.objects.bulk_create(
                Slot(meeting=meeting, starts_at=meeting.starts_at + i * step) for i in range(8)
            )
    _book(meetings[0], host)
    return len(meetings)


def _book(meeting: Meeting, host: Host) -> None:
    citizen = User.objects.filter(email=CITIZEN).first()
    if citizen is None:
        return
    slot = meeting.slots.order_by("starts_at")[1]
    topic, name = host.categories[0]
    Booking.objects.create(
        slot=slot, meeting=meeting, citizen=citizen, category_id=topic,
        question=f"Прошу принять по вопросу «{name}»: обращение не решено с осени.",
    )  # fmt: skip
