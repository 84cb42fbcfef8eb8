"""The demo's past meetings: a year of receptions and meetings of a body, with the questions
raised at them and their outcomes, written in bulk (receptions/demo.py)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from accounts.models import User
from agencies.models import Agency
from agencies.workdays import ALMATY
from appeals.models import Appeal
from receptions.models import Booking, Meeting, Question, QuestionFeedback, Slot

Kind, Outcome = Meeting.Kind, Question.Outcome
# The kinds of a body's past meetings, in turn; booked kinds get their questions by booking.
ROTATION = (
    Kind.RESIDENTS, Kind.PERSONAL, Kind.VISITING, Kind.TARGET_GROUP, Kind.PERSONAL, Kind.ONLINE,
)  # fmt: skip
FLOOR_QUESTIONS = (3, 8)  # from the floor at a meeting with residents or a target group
BOOKED_QUESTIONS = (2, 5)
SLOT_MINUTES = 15
RATED_SHARE = 0.6  # of the questions with a citizen, rated
CONTROL_WINDOW = datetime.timedelta(days=14)  # the appeal a question under control became
TOPIC_TEXT = "Прошу рассмотреть на приёме вопрос по теме «{}»: жду решения несколько месяцев."
DISTRICTS = ("Алмалинский район", "Есильский район", "Сарыаркинский район", "Бостандыкский район")


@dataclass
class Habit:
    """How a body's questions end: the shares of each outcome, in Outcome's order."""

    shares: tuple[float, float, float, float]
    meetings: int  # held in the last year
    not_held: int = 0


@dataclass
class Host:
    """A body and who holds its meetings."""

    agency: Agency
    official: User | None
    official_name: str
    official_post: str
    citizens: list[User] = field(default_factory=list)  # who books its receptions
    categories: list[tuple[int, str]] = field(default_factory=list)  # (pk, name)


def _outcome(rng: random.Random, habit: Habit) -> str:
    return rng.choices(Outcome.values, weights=habit.shares)[0]


def _meeting(host: Host, kind: str, starts_at: datetime.datetime, **fields: object) -> Meeting:
    booked = kind in Meeting.BOOKED_KINDS
    return Meeting(
        agency=host.agency, kind=kind, official=host.official, official_name=host.official_name,
        official_post=host.official_post, region_id=host.agency.region_id or _capital(),
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2),
        slot_minutes=SLOT_MINUTES if booked else None, created_by=host.official,
        video_link="https://meet.otinish.test/reception" if kind == Kind.ONLINE else "",
        target_group=Meeting.TargetGroup.ENTREPRENEURS if kind == Kind.TARGET_GROUP else "",
        **fields,
    )  # fmt: skip


_CAPITAL: list[int] = []


def _capital() -> int:
    """Where a ministry without a region of its own holds its meetings: Astana."""
    if not _CAPITAL:
        _CAPITAL.append(Agency.objects.get(code="akimat-kz-71").region_id or 0)
    return _CAPITAL[0]


def past_meetings(
    rng: random.Random, now: datetime.datetime, host: Host, habit: Habit
) -> list[Meeting]:
    """A year of the body's meetings, every few weeks, the last one a few days ago."""
    meetings = []
    step = 360 // max(habit.meetings, 1)
    for number in range(habit.meetings):
        day = (now - datetime.timedelta(days=3 + number * step)).astimezone(ALMATY).date()
        while day.weekday() >= 5:
            day -= datetime.timedelta(days=1)
        starts_at = datetime.datetime.combine(day, datetime.time(10), tzinfo=ALMATY)
        kind = ROTATION[number % len(ROTATION)]
        meetings.append(_meeting(
            host, kind, starts_at, status=Meeting.Status.HELD, status_changed_at=starts_at,
            locality=rng.choice(DISTRICTS) if kind == Kind.VISITING else "",
            attendance=rng.randint(60, 400) if kind in (Kind.RESIDENTS, Kind.TARGET_GROUP)
            else None,
        ))  # fmt: skip
    for number in range(habit.not_held):
        starts_at = now - datetime.timedelta(days=40 + 50 * number, hours=3)
        meetings.append(_meeting(
            host, Kind.RESIDENTS, starts_at, status=Meeting.Status.NOT_HELD,
            status_changed_at=starts_at - datetime.timedelta(days=1),
            not_held_reason="Аким в командировке; встреча перенесена на следующий месяц.",
        ))  # fmt: skip
    return meetings


class Controls:
    """The body's appeals not yet linked to a question: a question taken under control
    becomes one of them, received within two weeks after its meeting."""

    def __init__(self, agency: Agency, since: datetime.datetime) -> None:
        taken = Question.objects.filter(appeal__isnull=False).values("appeal_id")
        self.free = list(
            Appeal.objects.filter(agency=agency, received_at__gte=since, complaint_of__isnull=True)
            .exclude(pk__in=taken)
            .order_by("received_at")
            .values_list("pk", "applicant_id", "category_id", "received_at")
        )

    def take(self, after: datetime.datetime, citizen: int | None) -> tuple[int, int, int] | None:
        """An appeal received soon after `after`, from `citizen` when the question has one."""
        for index, (pk, applicant, category, received_at) in enumerate(self.free):
            mine = citizen is None or applicant == citizen
            if mine and after <= received_at < after + CONTROL_WINDOW:
                del self.free[index]
                return pk, applicant, category
        return None


def questions_of(
    rng: random.Random, meetings: list[Meeting], host: Host, habit: Habit, controls: Controls
) -> list[Question]:
    """The questions raised at the held meetings (saved, with their pks), by outcome."""
    questions = []
    for meeting in meetings:
        if meeting.status != Meeting.Status.HELD:
            continue
        booked = meeting.kind in Meeting.BOOKED_KINDS
        count = rng.randint(*(BOOKED_QUESTIONS if booked else FLOOR_QUESTIONS))
        citizens = rng.sample(host.citizens, min(count, len(host.citizens))) if booked else []
        for index in range(len(citizens) if booked else count):
            question = Question(
                meeting=meeting, category_id=rng.choice(host.categories)[0],
                region_id=meeting.region_id, locality=meeting.locality,
                citizen=citizens[index] if booked else None, outcome=_outcome(rng, habit),
                recorded_by=host.official, recorded_at=meeting.ends_at,
            )  # fmt: skip
            _settle(question, host, controls)
            if booked:
                topic = dict(host.categories).get(question.category_id, "")
                question.text = TOPIC_TEXT.format(topic)
            questions.append(question)
    return questions


def _settle(question: Question, host: Host, controls: Controls) -> None:
    """What each outcome needs: an appeal under control, a body it was forwarded to."""
    if question.outcome == Outcome.CONTROL:
        linked = controls.take(question.recorded_at, question.citizen_id)
        if linked is None:
            question.outcome = Outcome.EXPLAINED
        else:
            question.appeal_id, question.citizen_id, question.category_id = linked
    if question.outcome == Outcome.FORWARDED:
        question.forwarded_to = host.agency.parent or host.agency
    notes: dict[str, str] = {
        Outcome.RESOLVED: "Решено на месте: поручение исполнено в день приёма.",
        Outcome.EXPLAINED: "Дано разъяснение о порядке решения вопроса.",
        Outcome.CONTROL: "Взято на контроль: направлено обращение исполнителю со сроком.",
        Outcome.FORWARDED: "Направлено в компетентный орган.",
    }
    question.outcome_note = notes[question.outcome]


def bookings_of(questions: list[Question]) -> None:
    """The slots and bookings behind the booked questions, linked to them."""
    booked = [q for q in questions if q.meeting.kind in Meeting.BOOKED_KINDS and q.citizen_id]
    slots: list[Slot] = []
    seen: dict[int, int] = {}
    for question in booked:
        index = seen.setdefault(question.meeting_id, 0)
        seen[question.meeting_id] = index + 1
        step = datetime.timedelta(minutes=SLOT_MINUTES * index)
        slots.append(Slot(meeting=question.meeting, starts_at=question.meeting.starts_at + step))
    Slot.objects.bulk_create(slots)
    bookings = Booking.objects.bulk_create(
        Booking(slot=slot, meeting=q.meeting, citizen_id=q.citizen_id or 0,
                category_id=q.category_id,
                question=q.text)
        for slot, q in zip(slots, booked, strict=True)
    )  # fmt: skip
    for booking, question in zip(bookings, booked, strict=True):
        question.booking = booking


def ratings_of(rng: random.Random, questions: list[Question]) -> list[QuestionFeedback]:
    """The citizens' ratings of some of their questions' outcomes."""
    return [
        QuestionFeedback(question=q, satisfied=rng.random() < 0.7, comment="")
        for q in questions
        if q.citizen_id and rng.random() < RATED_SHARE
    ]
