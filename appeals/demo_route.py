"""One demo appeal and the route that brought it to its status: registered, assigned,
answered (sometimes over a warning of the answer check) or left without consideration,
withdrawn; some first sent to a neighbouring body and forwarded, a few late or sent back;
and which answers their applicants rated."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from django.conf import settings

from accounts.models import Membership
from agencies.models import AppealType
from agencies.workdays import ALMATY, WorkCalendar, workday_cutoff
from appeals.demo_world import RATED_SHARE, RECENT_DAYS, Body, closing_delay, status_at
from appeals.demo_write import DemoAppeal, DemoEvent
from appeals.models import Appeal, Feedback

Status, Role = Appeal.Status, Membership.Role
SUBJECTS = (
    "Нет отопления в доме", "Яма на дороге во дворе", "Не вывозят мусор",
    "Задержка выплаты пособия", "Просьба установить освещение", "Очередь на жильё",
    "Жылу берілмейді", "Аулада жол жөндеу қажет",
)  # fmt: skip
ANSWERS = (
    "Ваше обращение рассмотрено, приняты меры.",
    "Обращение рассмотрено: работы включены в план на текущий квартал.",
    "Өтінішіңіз қаралды, тиісті шаралар қабылданды.",
)
ANSWER_KINDS = tuple(Appeal.AnswerKind)
REASONS = tuple(Feedback.Reason)
# Some appeals reached a neighbouring body first: forwarded within hours, a few sent back
# and forth (a return, with the head's reason), and of those left lying unregistered,
# many forwarded late.
NEIGHBOURS = {
    "akimat-kz-75": "akimat-kz-71", "akimat-kz-71": "akimat-kz-75",
    "akimat-kz-19": "akimat-kz-75", "akimat-kz-33": "akimat-kz-19",
    "akimat-kz-11": "akimat-kz-71", "akimat-kz-59": "akimat-kz-11",
    "akimat-kz-39": "akimat-kz-59", "akimat-kz-55": "akimat-kz-10",
    "akimat-kz-10": "akimat-kz-63", "akimat-kz-63": "akimat-kz-10",
    "akimat-kz-35": "akimat-kz-62", "akimat-kz-62": "akimat-kz-35",
    "akimat-kz-15": "akimat-kz-27", "akimat-kz-27": "akimat-kz-15",
    "akimat-kz-23": "akimat-kz-47", "akimat-kz-47": "akimat-kz-23",
    "akimat-kz-43": "akimat-kz-61", "akimat-kz-31": "akimat-kz-61",
    "akimat-kz-61": "akimat-kz-79", "akimat-kz-79": "akimat-kz-61",
    "mtszn": "mz", "mz": "mtszn", "mp": "mnvo", "mnvo": "mp", "mvd": "mju", "mju": "mvd",
    "me": "mepr", "mepr": "me", "msh": "mvri", "mvri": "msh", "mps": "mt", "mt": "mps",
    "mti": "mne", "mne": "mf", "mf": "mne", "mid": "mju", "mchs": "mvd", "mo": "mchs",
    "mki": "mts", "mts": "mki", "mtsriap": "mti",
}  # fmt: skip
FORWARDED_SHARE = 0.15
FORWARDED_UNREGISTERED_SHARE = 0.5
Step = Callable[..., None]  # adds one event to the route being written


class Deadlines:
    """Each appeal's deadline from the work calendar, worked out once for each receipt day
    (before or after the day's cutoff) and number of working days."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar, self.cutoff = calendar, workday_cutoff()
        self.known: dict[tuple[datetime.date, bool, int], datetime.datetime] = {}

    def due_at(self, received: datetime.datetime, working_days: int) -> datetime.datetime:
        local = received.astimezone(ALMATY)
        key = (local.date(), local.time() < self.cutoff, working_days)
        if key not in self.known:
            self.known[key] = self.calendar.due_at(received, working_days)
        return self.known[key]


def demo_appeal(
    rng: random.Random, now: datetime.datetime, deadlines: Deadlines, body: Body,
    received: datetime.datetime, appeal_type: AppealType,
) -> DemoAppeal:  # fmt: skip
    """An appeal to `body` received at `received`, with its route's events."""
    delay = closing_delay(rng, body)
    status = status_at(rng, body, now - received, delay)
    agency = body.agency
    appeal = DemoAppeal(
        prefix=appeal_type.prefix, type_id=appeal_type.pk,
        applicant_id=rng.choice(body.applicants), category_id=rng.choice(body.categories),
        region_id=rng.choice(body.regions), subject=rng.choice(SUBJECTS),
        agency_code=agency.code, agency_id=agency.pk, addressee_id=agency.pk, status=status,
        received_at=received, due_at=deadlines.due_at(received, appeal_type.deadline_working_days),
    )  # fmt: skip
    if status in Appeal.CLOSED_STATUSES:
        appeal.answered_at = received + delay
    _route(rng, now, appeal, body)
    return appeal


def _route(rng: random.Random, now: datetime.datetime, appeal: DemoAppeal, body: Body) -> None:
    """The events that brought `appeal` to its status; closes it as they say."""
    history = appeal.events
    received, status, people = appeal.received_at, appeal.status, body.people

    def step(action: str, actor: int | None, to_status: str, hours: int, **extra: object) -> None:
        moment = min(received + datetime.timedelta(hours=hours), now)
        previous = history[-1].to_status if history else ""
        history.append(DemoEvent(
            action=action, actor_id=actor, created_at=moment, from_status=previous,
            to_status=to_status, to_agency_id=appeal.agency_id, **extra,  # type: ignore[arg-type]
        ))  # fmt: skip

    step("appeal.submitted", appeal.applicant_id, Status.SUBMITTED, 0)
    if status == Status.WITHDRAWN:
        step("appeal.withdrawn", appeal.applicant_id, Status.WITHDRAWN, 30, comment="Вопрос решён.")
    if status in (Status.WITHDRAWN, Status.SUBMITTED):
        return
    step("appeal.registered", people[Role.REGISTRAR], Status.REGISTERED, 4)
    if status == Status.TERMINATED:
        appeal.termination_reason = Appeal.TerminationReason.NO_SUBSTANCE
        step("appeal.terminated", people[Role.HEAD], Status.TERMINATED, _hours_to_close(appeal))
    if status in (Status.TERMINATED, Status.REGISTERED):
        return
    appeal.executor_id = people[Role.EXECUTOR]
    step("appeal.assigned", people[Role.HEAD], Status.IN_PROGRESS, 8)
    if status == Status.ANSWERED:
        _answer(rng, appeal, body, step)


def _hours_to_close(appeal: DemoAppeal) -> int:
    """When the closing step comes: at the closing time, and after the steps before it (the
    registration 4 hours in, the assignment 8), also when the appeal is only hours old."""
    closed = appeal.answered_at or appeal.received_at
    hours = int((closed - appeal.received_at).total_seconds() // 3600)
    return max(hours, 5 if appeal.status == Status.TERMINATED else 9)


def _answer(rng: random.Random, appeal: DemoAppeal, body: Body, step: Step) -> None:
    appeal.answer_kind = str(rng.choice(ANSWER_KINDS))
    appeal.answer_text = rng.choice(ANSWERS)
    appeal.answer_warned = rng.random() < body.warned
    data = {"kind": appeal.answer_kind} | (
        {"warnings": ["short", "no_action"]} if appeal.answer_warned else {}
    )
    step("appeal.answered", appeal.executor_id, Status.ANSWERED, _hours_to_close(appeal), data=data)


def forwarded(
    rng: random.Random, now: datetime.datetime, appeal: DemoAppeal,
    heads: dict[str, int], agencies: dict[str, int],
) -> None:  # fmt: skip
    """Maybe rewrites the route's start: first to the neighbour, forwarded here within hours
    (maybe back and forth once more); or, still unregistered, forwarded after 5 days: late."""
    other_code, history = NEIGHBOURS.get(appeal.agency_code), appeal.events
    share = FORWARDED_SHARE if len(history) > 1 else FORWARDED_UNREGISTERED_SHARE
    if other_code is None or rng.random() > share:
        return
    other, here = (other_code, agencies[other_code]), (appeal.agency_code, appeal.agency_id)
    submitted = history[0]
    if len(history) > 1:
        gap = history[1].created_at - submitted.created_at
        hops = [(other, here)] if rng.random() < 0.7 else [(here, other), (other, here)]
    elif submitted.created_at < now - datetime.timedelta(days=7):
        gap, hops = datetime.timedelta(days=10), [(other, here)]
    else:
        return
    appeal.addressee_id, appeal.forward_count = hops[0][0][1], len(hops)
    submitted.to_agency_id = hops[0][0][1]
    for index, ((source_code, source), (_code, target)) in enumerate(hops, start=1):
        data: dict[str, object] = {"late": len(history) == 1}
        if index == 2:
            data.update(returned=True, return_reason="Дом на балансе акимата, куда писал житель.")
        history.insert(index, DemoEvent(
            action="appeal.forwarded", actor_id=heads[source_code],
            created_at=submitted.created_at + gap * index / (len(hops) + 1),
            from_status=Status.SUBMITTED, to_status=Status.SUBMITTED, from_agency_id=source,
            to_agency_id=target, comment="Не наша компетенция.", data=data,
        ))  # fmt: skip


def rate(rng: random.Random, now: datetime.datetime, body: Body, appeals: list[DemoAppeal]) -> None:
    """Rates about RATED_SHARE of the body's answers, each "not satisfied" by the body's
    share; in the last 30 days at least a few more than a rank needs, however the draw fell."""
    answered = [appeal for appeal in appeals if appeal.status == Status.ANSWERED]
    chosen = {id(appeal) for appeal in answered if rng.random() < RATED_SHARE}
    # Two days short of the period: an appeal of 29 days may fall on its first day or before.
    recent = [appeal for appeal in answered if (now - appeal.received_at).days < RECENT_DAYS - 2]
    missing = settings.RANKINGS_MIN_CASES + 5 - sum(id(appeal) in chosen for appeal in recent)
    for appeal in recent:
        if missing <= 0:
            break
        if id(appeal) not in chosen:
            chosen.add(id(appeal))
            missing -= 1
    for appeal in answered:
        if id(appeal) in chosen:
            unhappy = rng.random() < body.unhappy
            appeal.rating = (not unhappy, str(rng.choice(REASONS)) if unhappy else "")
