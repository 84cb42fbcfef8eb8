"""The receptions' part of the walk of every page (tests/e2e/test_every_page.py): meetings in
each state, the citizen's bookings and questions, the published figures, and the stops of
the public, the citizen, the body's head and the front office."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from agencies.models import Region
from agencies.workdays import ALMATY
from receptions.booking import booking_make
from receptions.figures import figures_recompute
from receptions.models import FigurePeriod, Meeting, Question
from receptions.outcomes import question_record
from receptions.rating_links import question_rating_token
from receptions.schedule import meeting_announce, meeting_not_held
from tests.conftest import People
from tests.e2e.walk import Stop, submit_empty
from tests.ratings.dataset import AS_OF
from tests.receptions import figures_data
from tests.receptions.held import booked, control_by, heating, meeting_at


@dataclass(frozen=True)
class Receptions:
    planned: Meeting  # a personal reception ahead, one of its two times booked by the citizen
    not_held: Meeting
    held: Meeting  # one booked question taken under control, one not yet recorded
    question: Question  # the citizen's, under control


def _announced(people: People, days: int, kind: str, slot_minutes: int | None = None) -> Meeting:
    starts = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=days)
    return meeting_announce(
        actor=people.head, agency=people.agency, kind=kind, official_name="Ерлан Приёмов",
        official_post="Заместитель акима", region=Region.objects.get(code="KZ-75"),
        place="пр. Абылай хана, 91, каб. 305", starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=30), slot_minutes=slot_minutes,
    )  # fmt: skip


def _published_figures() -> None:
    """A held meeting in the rankings' data set's period with enough questions for rates,
    for the figures and the body's problem map; then the figures of the last 365 days."""
    day = AS_OF.astimezone(ALMATY).date() - datetime.timedelta(days=10)
    earlier = figures_data.meeting(day=day, locality="Алмалинский район")
    for n in range(12):
        figures_data.question(earlier, "resolved" if n < 9 else "explained", locality="Алмалы")
    figures_recompute(periods=(FigurePeriod.LAST_365_DAYS,))


def build_receptions(people: People) -> Receptions:
    planned = _announced(people, 3, Meeting.Kind.PERSONAL, slot_minutes=15)
    slot = planned.slots.order_by("starts_at").first()
    assert slot is not None
    booking_make(
        citizen=people.citizen, slot_id=slot.pk, category=heating(),
        question="Во дворе третью неделю не вывозят мусор.",
    )  # fmt: skip
    not_held = _announced(people, 4, Meeting.Kind.RESIDENTS)
    meeting_not_held(meeting_id=not_held.pk, actor=people.head, reason="Аким в командировке.")
    held = meeting_at(people.agency, attendance=5)
    question = question_record(
        meeting_id=held.pk, actor=people.head, category=heating(),
        outcome=Question.Outcome.CONTROL, booking_id=booked(held, people.citizen).pk,
        control=control_by(people.executor, agency=people.agency),
    )  # fmt: skip
    booked(held, people.other_citizen, "Нет освещения во дворе")
    _published_figures()
    return Receptions(planned=planned, not_held=not_held, held=held, question=question)


def public_stops(world: Receptions) -> list[Stop]:
    meeting = "receptions:meeting"
    return [
        Stop(reverse("receptions:calendar")),
        Stop(f"{reverse('receptions:calendar')}?kind=personal&date_to=2000-01-01", "none found"),
        Stop(reverse(meeting, args=[world.planned.pk]), "planned"),
        Stop(reverse(meeting, args=[world.not_held.pk]), "not held"),
        Stop(reverse(meeting, args=[world.held.pk]), "held"),
        Stop(reverse("receptions:figures")),
        Stop(f"{reverse('receptions:figures')}?level=official", "officials"),
        Stop(reverse("receptions:methodology")),
        Stop(f"{reverse('ratings:map')}?body=akimat-kz-75", "a body's own"),
        Stop(reverse("receptions:rate_by_link", args=[question_rating_token(world.question)]),
             "the notice's link"),
    ]  # fmt: skip


def citizen_stops(world: Receptions) -> list[Stop]:
    book = reverse("receptions:book", args=[world.planned.pk])
    return [
        Stop(book), Stop(book, "after an empty submit", then=submit_empty),
        Stop(reverse("receptions:mine")),
        Stop(reverse("receptions:rate", args=[world.question.pk])),
    ]  # fmt: skip


def head_stops(world: Receptions) -> list[Stop]:
    """The body's head: the meetings, announcing, the results and the recording."""
    announce, held = reverse("backoffice:receptions_meeting_announce"), world.held.pk
    result = "backoffice:receptions_meeting_result"
    return [
        Stop(reverse("backoffice:receptions_meeting_changelist")),
        Stop(reverse("backoffice:receptions_meeting_change", args=[world.planned.pk]), "planned"),
        Stop(reverse("backoffice:receptions_meeting_change", args=[held]), "held"),
        Stop(announce), Stop(announce, "after an empty submit", then=submit_empty),
        Stop(reverse(result, args=[world.planned.pk, "held"])),
        Stop(reverse(result, args=[world.planned.pk, "not_held"])),
        Stop(reverse("backoffice:receptions_meeting_record", args=[held])),
    ]  # fmt: skip


def front_office_stops(world: Receptions) -> list[Stop]:
    walk_in = reverse("backoffice:receptions_meeting_walk_in")
    booking = f"{walk_in}?meeting={world.planned.pk}"
    return [
        Stop(walk_in),
        Stop(booking, "a reception chosen"),
        Stop(booking, "after an empty submit", then=submit_empty),
    ]
