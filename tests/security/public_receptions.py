"""Receptions and meetings in the public-PII scan (test_public_pii.py): citizens with known
details book receptions and raise questions repeating them (in the question, the outcome's
note, the rating's comment, a file's name), and every public route of receptions is listed
with the addresses the scan reads. Public there: counts, bodies, officials' names and posts."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, Protocol

from django.utils import timezone

from accounts.models import User
from agencies.models import Agency
from appeals.attachments import clean_upload
from appeals.from_meeting import control_latest_due
from ratings.models import Period, RankingSnapshot
from ratings.problem_map_body import map_bodies
from receptions.booking import booking_make, booking_make_walk_in
from receptions.figures import SCHEDULED_PERIODS, figures_recompute
from receptions.models import (
    FigureLevel,
    FigurePeriod,
    Meeting,
    Question,
    ReceptionSnapshot,
)
from receptions.outcomes import ControlOrder, QuestionRow, question_rate, questions_record
from receptions.schedule import meeting_held, meeting_not_held
from tests.conftest import People, submit_appeal
from tests.files import pdf
from tests.security.public_urls import Urls, fixed
from tests.security.reception_world import Receptions, free_slot, heating, move_back

OUTCOMES = [Question.Outcome.RESOLVED, Question.Outcome.EXPLAINED, Question.Outcome.CONTROL,
            Question.Outcome.FORWARDED]  # fmt: skip


class Asker(Protocol):
    """A person of the scan (test_public_pii.Person)."""

    @property
    def full_name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def number(self) -> str: ...


def details(person: Asker) -> str:
    return f"{person.full_name}, ИИН {person.number}, {person.email}, тел. {person.phone}"


# Announced two days ahead (announcing refuses the past), then held two days ago.
BACK = datetime.timedelta(days=4)


class Planting:
    """The receptions of `people.agency` with the askers' details in every free text."""

    def __init__(self, people: People, askers: Sequence[Asker], walk_in: Asker) -> None:
        self.people, self.walk_in = people, walk_in
        self.askers = [(User.objects.get(email=a.email), a) for a in askers]
        self.receptions = Receptions(people)

    def book_all(self, meeting: Meeting) -> None:
        for user, asker in self.askers:
            upload = clean_upload(pdf(f"{asker.full_name}.pdf"))
            booking_make(
                citizen=user, slot_id=free_slot(meeting).pk, category=heating(),
                question=f"Пишет {details(asker)}: нет отопления.", attachments=[upload],
            )  # fmt: skip
        booking_make_walk_in(
            operator=self.people.front_office, slot_id=free_slot(meeting).pk,
            iin=self.walk_in.number, full_name=self.walk_in.full_name, phone=self.walk_in.phone,
            category=heating(), question=f"{details(self.walk_in)}: крыша течёт.",
        )  # fmt: skip

    def row(self, index: int, asker: Asker, executor: User, **fields: Any) -> QuestionRow:
        outcome = OUTCOMES[index % len(OUTCOMES)]
        subject = f"{asker.full_name}: отопление"
        control = ControlOrder(executor, control_latest_due(), self.people.agency, subject)
        return QuestionRow(
            category=heating(), outcome=outcome, outcome_note=f"Позвоним {details(asker)}",
            forwarded_to=Agency.objects.get(code="akimat-kz-75-almaly"),
            control=control if outcome == Question.Outcome.CONTROL else None, **fields,
        )  # fmt: skip

    def held_reception(self, executor: User) -> None:
        """A personal reception: every asker's booked question recorded, then rated."""
        meeting = self.receptions.announce(hours=2)
        self.book_all(meeting)
        meeting = meeting_held(meeting_id=move_back(meeting, BACK).pk, actor=self.people.head)
        bookings = meeting.bookings.select_related("citizen").order_by("slot__starts_at")
        people = [asker for _, asker in self.askers] + [self.walk_in]
        pairs = enumerate(zip(bookings, people, strict=True))
        rows = [
            self.row(i, asker, executor, booking_id=booking.pk) for i, (booking, asker) in pairs
        ]
        questions_record(meeting_id=meeting.pk, actor=self.people.head, rows=rows)
        for user, asker in self.askers:
            question = meeting.questions.get(citizen=user)
            question_rate(question_id=question.pk, citizen=user, satisfied=False,
                          comment=f"Не решено. {details(asker)}")  # fmt: skip

    def meeting_with_farmers(self, executor: User) -> None:
        """A meeting with farmers, its questions from the floor: the walk-in named, the
        others by their details in the text."""
        meeting = self.receptions.announce(
            kind=Meeting.Kind.TARGET_GROUP, target_group=Meeting.TargetGroup.FARMERS,
            slot_minutes=None, locality="Алмалинский район",
        )  # fmt: skip
        meeting = meeting_held(meeting_id=move_back(meeting, BACK).pk, actor=self.people.head,
                               attendance=300)  # fmt: skip
        named = self.walk_in
        rows = [
            self.row(2, named, executor, text=f"Вопрос: {details(named)}", iin=named.number,
                     full_name=named.full_name, phone=named.phone),
            *[self.row(i, asker, executor, text=f"С места: {details(asker)}")
              for i, (_, asker) in enumerate(self.askers) if i % 4 != 2],
        ]  # fmt: skip
        questions_record(meeting_id=meeting.pk, actor=self.people.head, rows=rows)

    def still_to_come(self) -> None:
        """Booked receptions still planned (one online), and one not held."""
        planned = self.receptions.announce(hours=2)
        online = self.receptions.announce(
            hours=2, kind=Meeting.Kind.ONLINE, place="", video_link="https://meet.example.kz/r1"
        )
        self.book_all(planned)
        self.book_all(online)
        skipped = self.receptions.announce(hours=2)
        self.book_all(skipped)
        meeting_not_held(meeting_id=skipped.pk, actor=self.people.head, reason="Командировка.")


def hold_receptions(
    people: People, askers: Sequence[Asker], walk_in: Asker, executor: User
) -> None:
    """Receptions held, planned and not held with the askers' questions; appeals after the
    resolved ones (reopened); the figures published for every period and a custom one."""
    planting = Planting(people, askers, walk_in)
    planting.held_reception(executor)
    planting.meeting_with_farmers(executor)
    planting.still_to_come()
    for user, asker in planting.askers:
        submit_appeal(user, people.agency, subject=f"{asker.full_name}: снова нет отопления")
    today = timezone.localdate()
    figures_recompute()
    figures_recompute(periods=(FigurePeriod.CUSTOM,), start=today.replace(day=1), end=today)


# --- The addresses the scan reads -------------------------------------------------------------


def _days() -> str:
    today = timezone.localdate()
    week = datetime.timedelta(days=7)
    return f"date_from={today - week}&date_to={today + week}"


FILTERS = ["", "body=akimat-kz-75&", "region=KZ-75&", "kind=personal&", "kind=target_group&",
           "target_group=farmers&", "kind=online&"]  # fmt: skip


def calendar_urls(_: list[RankingSnapshot]) -> list[str]:
    dated = [f"/receptions/?{f}{_days()}" for f in FILTERS]
    return ["/receptions/", "/receptions/?date_from=nonsense", "/receptions/?page=2", *dated]


def ical_urls(_: list[RankingSnapshot]) -> list[str]:
    path = "/receptions/calendar.ics"
    return [path, *[f"{path}?{f}{_days()}" for f in FILTERS]]


def meeting_urls(template: str) -> Urls:
    return lambda _: [template.format(pk) for pk in Meeting.objects.values_list("pk", flat=True)]


def snapshots() -> list[int]:
    return list(ReceptionSnapshot.objects.order_by("pk").values_list("pk", flat=True))


def figures_urls(_: list[RankingSnapshot]) -> list[str]:
    path = "/receptions/figures/"
    periods = [f"{path}?period={p}&level={lv}" for p in FigurePeriod for lv in FigureLevel]
    return [path, *periods]


def export_urls(_: list[RankingSnapshot]) -> list[str]:
    return [f"/receptions/figures/{pk}.{ext}" for pk in snapshots() for ext in ("csv", "json")]


def api_meeting_urls(_: list[RankingSnapshot]) -> list[str]:
    path = "/api/v1/receptions/meetings/"
    return [path, f"{path}?page_size=200&{_days()}",
            *[f"{path}?{f}{_days()}" for f in FILTERS[1:]]]  # fmt: skip


def api_figures_urls(_: list[RankingSnapshot]) -> list[str]:
    path = "/api/v1/receptions/figures/"
    levels = ["", *FigureLevel.values]
    published = [f"{path}?period={p}&level={lv}" for p in SCHEDULED_PERIODS for lv in levels]
    return [path, f"{path}?period=custom", *published]


def api_snapshot_urls(_: list[RankingSnapshot]) -> list[str]:
    path = "/api/v1/receptions/figures/{}/"
    return [path.format(pk) + query for pk in snapshots() for query in ("", "?level=official")]


def problem_map_urls(_: list[RankingSnapshot]) -> list[str]:
    """The map of every period, and each body's own (with its meetings' questions)."""
    every_period = [f"/ratings/map/?period={p}" for p in Period.values]
    bodies = [f"/ratings/map/?body={body.code}" for body in map_bodies()]
    ours = [f"/ratings/map/?period={p}&body=akimat-kz-75" for p in Period.values]
    return every_period + bodies + ours


RECEPTIONS_PUBLIC: dict[str, Urls] = {
    "receptions/": calendar_urls,
    "receptions/calendar.ics": ical_urls,
    "receptions/<int:pk>/": meeting_urls("/receptions/{}/"),
    "receptions/figures/": figures_urls,
    "receptions/figures/<int:pk>.<str:extension>": export_urls,
    "receptions/methodology/": fixed("/receptions/methodology/"),
    "api/v1/receptions/meetings/": api_meeting_urls,
    "api/v1/receptions/meetings/<int:pk>/": meeting_urls("/api/v1/receptions/meetings/{}/"),
    "api/v1/receptions/figures/": api_figures_urls,
    "api/v1/receptions/figures/<int:pk>/": api_snapshot_urls,
}
LOGIN = "requires logging in: the citizen's own bookings and questions"
RECEPTIONS_PRIVATE = {
    "receptions/<int:pk>/book/": LOGIN,
    "receptions/mine/": LOGIN,
    "receptions/bookings/<int:pk>/cancel/": LOGIN,
    "receptions/bookings/files/<int:pk>/": LOGIN,
    "receptions/questions/<int:pk>/rate/": LOGIN,
    "receptions/questions/rate/<str:token>/": "the citizen's signed link from his own notice",
}
