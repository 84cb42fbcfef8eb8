"""The benchmark data generator: realistic shares, routes as the services write them, and
nothing a later real submission or the rankings would trip over."""

from __future__ import annotations

import datetime
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterator

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from accounts.identifiers import validate_iin
from accounts.models import Membership, User
from agencies.models import Agency
from agencies.workdays import ALMATY, calendar_for, due_at
from appeals.forwards import FORWARD_WORKING_DAYS
from appeals.models import Appeal, AppealEvent, Feedback
from bench.generating import Options, Report, appeals_generate, inserts
from core import checked_writes as keys
from ratings.models import DirtyAppeal, Period, RankingSnapshot, Scope, TallyDelta
from ratings.snapshots import rankings_recompute
from ratings.tallies.sql import PART_FLAGS
from tests.conftest import People, submit_appeal
from tests.roles import plain_role

NOW = datetime.datetime(2026, 3, 20, 15, 0, tzinfo=ALMATY)
COUNT = 2_000
Status = Appeal.Status


@pytest.fixture
def generated(db: None) -> Iterator[Report]:
    """2,000 appeals over ten years, on the test's own connection and transaction."""
    with time_machine.travel(NOW, tick=False):
        yield appeals_generate(Options(count=COUNT, staff=400, workers=1, batch_size=700))


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def test_it_writes_the_count_in_every_status(generated: Report) -> None:
    assert (generated.appeals, Appeal.objects.count()) == (COUNT, COUNT)
    statuses = Counter(Appeal.objects.values_list("status", flat=True))
    assert set(statuses) == set(Status.values)
    old = Counter(
        Appeal.objects.filter(received_at__lt=NOW - datetime.timedelta(days=90)).values_list(
            "status", flat=True
        )
    )
    total = old.total()
    assert 0.78 <= share(old[Status.ANSWERED], total) <= 0.92
    assert 0.025 <= share(old[Status.TERMINATED], total) <= 0.08
    assert 0.01 <= share(old[Status.WITHDRAWN], total) <= 0.06
    recent = Appeal.objects.filter(received_at__gte=NOW - datetime.timedelta(days=30))
    assert share(recent.filter(status__in=Appeal.OPEN_STATUSES).count(), recent.count()) > 0.4
    assert Appeal.objects.filter(status__in=Appeal.OPEN_STATUSES, due_at__lt=NOW).exists()


def test_most_appeals_go_to_akimats_and_the_big_cities(generated: Report) -> None:
    kinds = Counter(Appeal.objects.values_list("agency__kind", flat=True))
    assert share(kinds["akimat"] + kinds["local"], COUNT) >= 0.75
    by_region = Counter(Appeal.objects.values_list("region__code", flat=True))
    assert {code for code, _n in by_region.most_common(4)} >= {"KZ-75", "KZ-71"}
    ministries = Counter(
        Appeal.objects.filter(agency__kind="ministry").values_list("agency__code", flat=True)
    )
    assert {code for code, _n in ministries.most_common(3)} == {"mtszn", "mvd", "mf"}


def test_topics_belong_to_the_body_that_answers(generated: Report) -> None:
    unforwarded = Appeal.objects.filter(forward_count=0, addressee=F("agency"))
    akimats = unforwarded.filter(agency__kind__in=["akimat", "local"])
    assert not akimats.exclude(category__jurisdiction="local").exists()
    ministries = unforwarded.filter(agency__kind="ministry", agency__is_active=True)
    own = ministries.filter(category__central_agency=F("agency"))
    assert share(own.count(), ministries.count()) > 0.8


def test_deadlines_are_the_real_ones(generated: Report) -> None:
    sample = Appeal.objects.filter(original_due_at__isnull=True).select_related("type")[:60]
    for appeal in sample:
        assert appeal.due_at == due_at(appeal.received_at, appeal.type.deadline_working_days)
    extended = Appeal.objects.filter(original_due_at__isnull=False)
    assert extended.exists()
    for appeal in extended:
        assert appeal.original_due_at is not None and appeal.extension_reason
        assert appeal.due_at > appeal.original_due_at
    answered = Appeal.objects.filter(status=Status.ANSWERED)
    late = answered.filter(answered_at__gt=F("due_at")).count()
    assert 0.02 <= share(late, answered.count()) <= 0.25


def test_ratings_only_on_answered_appeals(generated: Report) -> None:
    assert not Feedback.objects.exclude(appeal__status=Status.ANSWERED).exists()
    answered = Appeal.objects.filter(status=Status.ANSWERED).count()
    assert 0.25 <= share(Feedback.objects.count(), answered) <= 0.4
    unhappy = Feedback.objects.filter(satisfied=False)
    assert 0.2 <= share(unhappy.count(), Feedback.objects.count()) <= 0.5
    assert not unhappy.filter(reason="").exists()
    assert set(unhappy.values_list("reason", flat=True)) <= set(Feedback.Reason.values)


def first_hop_is_late(appeal: Appeal, moment: datetime.datetime) -> bool:
    """A first forward is judged from the appeal's receipt (appeals.forwards, per hop)."""
    work_calendar = calendar_for(appeal.received_at, FORWARD_WORKING_DAYS)
    day_zero = work_calendar.day_zero(appeal.received_at)
    limit = work_calendar.add_working_days(day_zero, FORWARD_WORKING_DAYS)
    return moment.astimezone(ALMATY).date() > limit


def test_every_route_is_recorded_as_the_services_record_it(generated: Report) -> None:
    appeals = Appeal.objects.annotate(
        submitted=Count("events", filter=Q(events__action="appeal.submitted")),
        forwards=Count("events", filter=Q(events__action="appeal.forwarded")),
    )
    assert not appeals.exclude(submitted=1).exists()
    assert not appeals.exclude(forwards=F("forward_count")).exists()
    assert 0.03 <= share(appeals.filter(forward_count=1).count(), COUNT) <= 0.08
    for appeal in Appeal.objects.prefetch_related("events").order_by("pk")[:300]:
        events = sorted(appeal.events.all(), key=lambda e: e.created_at)
        assert events[0].action == "appeal.submitted" and events[0].actor_id == appeal.applicant_id
        assert events[-1].to_status == appeal.status
        for before, after in itertools.pairwise(events):
            if after.action != "appeal.extended":
                assert after.from_status == before.to_status, (appeal.pk, after.action)
        for event in events:
            assert event.created_at <= NOW
            if event.action == "appeal.forwarded":
                assert (event.from_agency_id, event.to_agency_id) == (
                    appeal.addressee_id, appeal.agency_id,
                )  # fmt: skip
                assert event.data["late"] == first_hop_is_late(appeal, event.created_at)


def dangling_keys() -> list[str]:
    """Every foreign key of the generated tables that some row breaks."""
    broken = []
    with connection.cursor() as cursor:
        for table, foreign in keys.foreign_keys(cursor, inserts.TABLES).items():
            for column, target, key in foreign:
                cursor.execute(
                    f"SELECT EXISTS (SELECT FROM {table} t WHERE t.{column} IS NOT NULL AND "  # noqa: S608
                    f"NOT EXISTS (SELECT FROM {target} r WHERE r.{key} = t.{column}))"
                )
                if cursor.fetchone()[0]:
                    broken.append(f"{table}.{column}")
    return broken


def with_flag(name: str) -> QuerySet[TallyDelta]:
    bit = 1 << PART_FLAGS.index(name)
    return TallyDelta.objects.annotate(flag=F("flags").bitand(bit)).filter(flag=bit)


def test_skipped_triggers_are_made_good(generated: Report) -> None:
    """The test database's owner is a superuser: the batches skipped the per-row triggers,
    so they checked the keys and logged the appeals for the tallies themselves."""
    assert dangling_keys() == []
    every = set(Appeal.objects.values_list("pk", flat=True))
    logged = with_flag("received").values_list("appeal_id", flat=True)
    assert set(logged) == every
    assert set(DirtyAppeal.objects.values_list("appeal_id", flat=True)) >= every
    rated = set(Feedback.objects.values_list("appeal_id", flat=True))
    logged = with_flag("rated").values_list("appeal_id", flat=True)
    assert set(logged) == rated
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"  # the triggers are back for what follows


def test_without_superuser_the_triggers_check_every_row(db: None) -> None:
    """A plain role cannot skip triggers: the batches run with them, as the services do."""
    with connection.cursor() as cursor, plain_role(cursor, "otinish_generate_plain"):
        assert not keys.may_skip_triggers(cursor)
        with time_machine.travel(NOW, tick=False):
            report = appeals_generate(Options(count=300, staff=400, workers=1))
    assert report.appeals == Appeal.objects.count() == 300
    assert dangling_keys() == []
    logged = set(TallyDelta.objects.values_list("appeal_id", flat=True))
    assert logged == set(Appeal.objects.values_list("pk", flat=True))


def test_staff_act_in_their_own_agency(generated: Report) -> None:
    roles = dict(Membership.objects.values_list("user_id", "role"))
    agency_of = dict(Membership.objects.values_list("user_id", "agency_id"))
    for event in AppealEvent.objects.filter(
        action__in=["appeal.registered", "appeal.assigned", "appeal.answered"]
    )[:500]:
        expected = {"appeal.registered": "registrar", "appeal.assigned": "head"}
        assert event.actor_id is not None
        assert roles[event.actor_id] == expected.get(event.action, "executor")
        assert agency_of[event.actor_id] == event.to_agency_id
    for agency in Agency.objects.filter(is_active=True):
        held = set(agency.memberships.values_list("role", flat=True))
        # Petitions' moderators work at the authorised body only, not in every agency.
        assert held == set(Membership.Role.values) - {Membership.Role.MODERATOR}, agency.code


def test_citizens_have_valid_unique_iins_and_one_password(generated: Report) -> None:
    citizens = User.objects.filter(email__startswith="citizen-")
    assert citizens.count() == COUNT // 8 == generated.citizens
    for citizen in citizens:
        validate_iin(citizen.iin_bin)
    assert citizens.values("iin_bin").distinct().count() == citizens.count()
    assert citizens.values("password").distinct().count() == 1
    assert citizens.first().check_password("bench-pass-2026")  # type: ignore[union-attr]


def test_a_second_run_adds_its_own_people_and_appeals(generated: Report) -> None:
    with time_machine.travel(NOW, tick=False):
        again = appeals_generate(Options(count=400, staff=400, workers=1, seed=7))
    assert again.logins[0][0] == f"citizen-{COUNT // 8 + 1}@bench.otinish.test"
    assert User.objects.filter(email__startswith="citizen-").count() == COUNT // 8 + 50
    assert Appeal.objects.count() == COUNT + 400
    assert Appeal.objects.values("reference").distinct().count() == COUNT + 400


def test_a_later_submission_gets_a_new_reference(generated: Report, people: People) -> None:
    appeal = submit_appeal(people.citizen, people.agency)
    numbers = [int(r[-8:]) for r in Appeal.objects.values_list("reference", flat=True)]
    assert len(set(numbers)) == len(numbers) == COUNT + 1
    assert int(appeal.reference[-8:]) == max(numbers)


def test_rankings_recompute_over_the_generated_history(generated: Report) -> None:
    rankings_recompute(periods=(Period.ALL_TIME,), as_of=NOW)
    snapshot = RankingSnapshot.objects.get(scope=Scope.AKIMATS, period=Period.ALL_TIME)
    almaty = snapshot.rows.get(agency__code="akimat-kz-75")
    assert almaty.received > 100 and almaty.answer_rank is not None
    assert 0.2 <= (almaty.dissatisfaction_rate or 0) <= 0.55


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_after_flush")
def test_the_command_runs_two_sessions_and_prints_logins() -> None:
    out = io.StringIO()
    call_command("generate_appeals", "--count", "1500", "--staff", "400", "--batch-size", "400",
                 stdout=out)  # fmt: skip
    assert Appeal.objects.count() == 1500
    assert AppealEvent.objects.filter(action="appeal.submitted").count() == 1500
    logins = re.findall(r"(\S+@bench\.otinish\.test)\s+(\S+)", out.getvalue())
    assert [who for _email, who in logins] == ["citizen,", "registrar,", "head,", "executor,"]
    for email, _who in logins:
        assert User.objects.get(email=email).check_password("bench-pass-2026")
