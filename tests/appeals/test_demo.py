from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from accounts.models import Membership, User
from agencies.models import Agency
from appeals.demo import STAFFED_AGENCIES
from appeals.models import Appeal, AppealEvent
from ratings.models import Period, RankingRow
from ratings.snapshots import rankings_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo, loaded once for this module (some 8 s) in a transaction that each test's
    own rolls back to, and that is rolled back after the last."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_staff_of_three_agencies_and_the_government_hold_every_role(demo: None) -> None:
    for code in STAFFED_AGENCIES:
        roles = set(Membership.objects.filter(agency__code=code).values_list("role", flat=True))
        # Petitions' moderators work at the authorised body only (petitions/demo.py).
        assert roles == set(Membership.Role.values) - {Membership.Role.MODERATOR}, code


@pytest.mark.usefixtures("demo")
def test_thousands_of_appeals_in_every_status_over_two_years() -> None:
    appeals = Appeal.objects.filter(complaint_of__isnull=True)
    assert appeals.count() > 5_000
    for status in Appeal.Status.values:
        assert Appeal.objects.filter(status=status).count() >= 30, status
    oldest = appeals.order_by("received_at").first()
    assert oldest is not None and oldest.received_at < timezone.now() - datetime.timedelta(days=700)


@pytest.mark.usefixtures("demo")
def test_every_akimat_and_active_ministry_is_ranked() -> None:
    rankings_recompute(as_of=timezone.now())
    bodies = set(
        Agency.objects.filter(kind__in=["akimat", "ministry"], is_active=True).values_list(
            "code", flat=True
        )
    )
    assert len(bodies) == 41
    for period in (Period.LAST_30_DAYS, Period.LAST_365_DAYS, Period.ALL_TIME):
        rows = (
            RankingRow.objects.filter(snapshot__period=period)
            .exclude(answer_rank=None)
            .exclude(dissatisfaction_rank=None)
        )
        assert set(rows.values_list("agency__code", flat=True)) >= bodies, period


@pytest.mark.usefixtures("demo")
def test_the_new_figures_have_something_to_show() -> None:
    complaints = Appeal.objects.filter(complaint_of__isnull=False)
    assert set(complaints.values_list("complaint_ground", flat=True)) == set(
        Appeal.ComplaintGround.values
    )
    assert {"upheld", "partly_upheld", "rejected", ""} <= set(
        complaints.values_list("complaint_outcome", flat=True)
    )
    assert Appeal.objects.filter(overturned=True).count() >= 3
    forwards = AppealEvent.objects.filter(action="appeal.forwarded")
    assert (
        forwards.filter(data__returned=True).exists() and forwards.filter(data__late=True).exists()
    )
    # One body leaves many appeals without consideration.
    terminating = Appeal.objects.filter(agency__code="akimat-kz-71", complaint_of__isnull=True)
    closed = terminating.filter(status__in=Appeal.CLOSED_STATUSES).count()
    assert terminating.filter(status=Appeal.Status.TERMINATED).count() > 0.15 * closed


@pytest.mark.usefixtures("demo")
def test_each_appeals_route_ends_in_its_status() -> None:
    last_event = AppealEvent.objects.filter(appeal=OuterRef("pk")).order_by("-created_at", "-pk")
    mismatched = Appeal.objects.annotate(
        last_status=Subquery(last_event.values("to_status")[:1])
    ).exclude(last_status=F("status"))
    assert not mismatched.exists()


@pytest.mark.usefixtures("demo")
def test_reference_numbers_follow_the_public_format() -> None:
    pattern = re.compile(r"^(ЗТ|ЗП|ПТ|ОТ|СБ|ЖТ)-20\d\d-\d{8}$")
    for reference in Appeal.objects.values_list("reference", flat=True)[:100]:
        assert pattern.match(reference), reference


@pytest.mark.usefixtures("demo")
def test_answered_appeals_carry_their_answer() -> None:
    answered = Appeal.objects.filter(status=Appeal.Status.ANSWERED)
    assert not answered.filter(answered_at__isnull=True).exists()
    assert not answered.filter(answer_text="").exists()
    assert not answered.filter(executor__isnull=True).exists()


@pytest.mark.usefixtures("demo")
def test_loading_the_demo_again_duplicates_nothing() -> None:
    counts = (Appeal.objects.count(), Membership.objects.count(), User.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Appeal.objects.count(), Membership.objects.count(), User.objects.count()) == counts
