"""The tallies behind the rankings: against an independent count, incremental refresh,
triggers on bulk writes, rebuilds."""

from __future__ import annotations

import datetime
import io
import random
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from agencies.models import Agency, Category
from agencies.workdays import ALMATY
from appeals.models import Appeal, AppealEvent, Feedback
from appeals.services import appeal_forward
from ratings import sums
from ratings.models import (
    CategoryRow,
    DirtyAppeal,
    DueTally,
    Grain,
    Period,
    ProblemCell,
    RankingSnapshot,
    TallyDelta,
    UnitTally,
)
from ratings.snapshots import SCHEDULED_PERIODS, period_span, rankings_recompute
from ratings.tallies import periods
from ratings.tallies.refresh import tallies_refresh
from ratings.tallies.sql import PART_FLAGS
from tests.conftest import People
from tests.ratings.dataset import AS_OF, DAY, appeal
from tests.ratings.oracle import (
    direct_counts,
    direct_medians,
    direct_overdue,
    published,
    published_overdue,
    random_appeals,
    summed,
    tally_rows,
)

pytestmark = pytest.mark.django_db


# --- the tallies against an independent count ---


def test_the_tallies_hold_what_a_count_of_every_appeal_gives() -> None:
    random_appeals(seed=7, count=80)
    tallies_refresh()
    today = AS_OF.astimezone(ALMATY).date()
    for period in SCHEDULED_PERIODS:
        span = period_span(period, today)
        end = span.end + DAY
        assert summed(span.start, end) == direct_counts(span.start, end), period
        figures = sums.unit_figures(periods.cover(span.start, end))
        medians = {
            unit_id: unit.median_days_to_answer
            for unit_id, unit in figures.items()
            if unit.median_days_to_answer is not None
        }
        assert medians == direct_medians(span.start, end), period


def test_a_past_range_subtracts_the_days_after_it() -> None:
    """Ranges that end before the data does: the days a piece takes away hold appeals."""
    random_appeals(seed=8, count=80)
    tallies_refresh()
    today, rng = AS_OF.astimezone(ALMATY).date(), random.Random(8)
    subtracting = 0
    for _ in range(12):
        start = today - rng.randrange(30, 1100) * DAY
        end = start + rng.randrange(1, 400) * DAY
        subtracting += any(sign < 0 for *_, sign in periods.cover(start, end))
        assert summed(start, end) == direct_counts(start, end), (start, end)
        figures = sums.unit_figures(periods.cover(start, end))
        medians = {
            unit_id: unit.median_days_to_answer
            for unit_id, unit in figures.items()
            if unit.median_days_to_answer is not None
        }
        assert medians == direct_medians(start, end), (start, end)
    assert subtracting >= 6


def test_overdue_is_the_open_appeals_less_those_not_yet_due_at_that_moment() -> None:
    def open_appeal(
        received: float, due: datetime.datetime, agency: str = "akimat-kz-75"
    ) -> Appeal:
        made = appeal(agency, status="in_progress", received=received)
        Appeal.objects.filter(pk=made.pk).update(due_at=due)
        return made

    midnight = datetime.datetime.combine(AS_OF.date(), datetime.time.min, tzinfo=ALMATY)
    open_appeal(40, AS_OF - 10 * DAY)  # overdue, received before the last 30 days
    open_appeal(10, midnight - datetime.timedelta(microseconds=1))  # due at yesterday's end
    open_appeal(10, midnight + datetime.timedelta(hours=9), "akimat-kz-75-almaly")  # this morning
    evening = open_appeal(10, midnight + datetime.timedelta(hours=18))  # due tonight
    open_appeal(5, AS_OF + DAY)
    open_appeal(400, AS_OF - 300 * DAY, "mvd")
    appeal("akimat-kz-71", received=5, late=True)  # answered late: closed, not overdue
    extended = open_appeal(3, AS_OF - DAY, "akimat-kz-71")
    shortened = open_appeal(3, AS_OF + 7 * DAY, "akimat-kz-71")
    expected = direct_overdue(AS_OF)
    assert published_overdue(AS_OF) == expected  # counted by a full rebuild
    assert sum(expected[Period.LAST_30_DAYS].values()) == 3

    # Counted by the incremental refresh: a deadline put off, one brought forward, one
    # appeal answered; and at 20:00 the evening's deadline has passed, with no change.
    Appeal.objects.filter(pk=extended.pk).update(due_at=AS_OF + 7 * DAY)
    Appeal.objects.filter(pk=shortened.pk).update(due_at=AS_OF - 2 * DAY)
    Appeal.objects.filter(pk=evening.pk).update(status="answered", answered_at=AS_OF)
    assert published_overdue(AS_OF + DAY / 2) == direct_overdue(AS_OF + DAY / 2)
    Appeal.objects.filter(pk=evening.pk).update(status="in_progress", answered_at=None)
    later = AS_OF + datetime.timedelta(hours=8)
    assert published_overdue(later) == direct_overdue(later)
    assert sum(direct_overdue(later)[Period.LAST_30_DAYS].values()) == 4
    assert not DueTally.objects.filter(open__lte=0).exists()


def test_a_unit_without_a_ranked_body_counts_on_the_map_only() -> None:
    central = Agency.objects.create(
        code="central-agency", kind=Agency.Kind.CENTRAL, name_ru="c", name_kk="c", name_en="c"
    )
    made = appeal("akimat-kz-10", region="KZ-10", category="education-schools")
    Appeal.objects.filter(pk=made.pk).update(agency=central)
    tallies_refresh()
    assert central.pk not in sums.unit_figures(periods.cover(None, AS_OF.date() + DAY))
    rankings_recompute(periods=(Period.ALL_TIME,), as_of=AS_OF)
    education = Category.objects.get(code="education").pk
    cells = ProblemCell.objects.filter(category_id=education)
    assert list(cells.values_list("region_id", "received", "rated", "dissatisfied")) == [
        (made.region_id, 1, 0, 0)
    ]
    assert not CategoryRow.objects.filter(agency=central).exists()


# --- incremental: the next refresh equals a full rebuild ---


def test_an_incremental_refresh_equals_a_full_rebuild(people: People, settings: Any) -> None:
    settings.RANKINGS_MIN_CASES = 3
    made = random_appeals(seed=11, count=60)
    # One appeal for each change, so that no change hides another.
    moved, recategorised, extended, opened, withdrawn = (
        appeal("akimat-kz-79-abay", received=100 + n, status=status)
        for n, status in enumerate(["answered", "answered", "answered", "registered", "submitted"])
    )
    submitted = appeal("akimat-kz-75", status="submitted", received=0.1)
    rankings_recompute(as_of=AS_OF)
    assert not TallyDelta.objects.exists()
    assert not DirtyAppeal.objects.exists()

    # Every kind of change the tallies count, through the ORM and through a service.
    Appeal.objects.filter(pk=moved.pk).update(received_at=moved.received_at - 400 * DAY)
    Appeal.objects.filter(pk=recategorised.pk).update(category=Category.objects.get(code="other"))
    Appeal.objects.filter(pk=extended.pk).update(due_at=extended.received_at - DAY)
    Appeal.objects.filter(pk=opened.pk).update(status="answered", answered_at=AS_OF)
    Appeal.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    answered = [a for a in made if a.status == "answered"]
    Feedback.objects.filter(appeal__in=answered[:3]).delete()
    Feedback.objects.filter(appeal__in=answered[3:6]).update(satisfied=False, reason="formal")
    for rated in answered[6:9]:
        Feedback.objects.get_or_create(appeal=rated, defaults={"satisfied": True})
    appeal_forward(
        appeal_id=submitted.pk, actor=people.registrar, to_agency=people.other_agency,
        reason="Not ours",
    )  # fmt: skip
    random_appeals(seed=12, count=10)
    assert TallyDelta.objects.exists()
    assert set(DirtyAppeal.objects.values_list("appeal_id", flat=True)) >= {
        recategorised.pk,
        moved.pk,
        submitted.pk,
    }

    rankings_recompute(as_of=AS_OF + datetime.timedelta(seconds=1))
    incremental_rows, incremental_figures = tally_rows(), published()
    tallies_refresh(rebuild=True)
    rankings_recompute(as_of=AS_OF + datetime.timedelta(seconds=2))
    assert tally_rows() == incremental_rows
    assert published() == incremental_figures
    assert len(incremental_figures) == 2 * len(SCHEDULED_PERIODS)


def test_an_update_of_nothing_counted_logs_nothing(people: People) -> None:
    made = appeal("akimat-kz-75", status="registered")
    tallies_refresh()
    Appeal.objects.filter(pk=made.pk).update(executor=people.executor, subject="Another")
    assert not TallyDelta.objects.exists()
    Appeal.objects.filter(pk=made.pk).update(status="in_progress")
    logged = TallyDelta.objects.order_by("sign").values_list("appeal_id", "sign", "flags")
    open_appeal = 1 << PART_FLAGS.index("received") | 1 << PART_FLAGS.index("open")
    assert list(logged) == [(made.pk, -1, open_appeal), (made.pk, 1, open_appeal)]
    assert not DirtyAppeal.objects.exists()  # its forwards cannot have changed


# --- triggers: bulk writes in plain SQL ---


def test_the_triggers_see_a_bulk_insert_select_and_copy() -> None:
    template = appeal("akimat-kz-71", received=3, rating=False)
    copied = appeal("akimat-kz-71", received=4)
    tallies_refresh()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO appeals_appeal (reference, type_id, applicant_id, co_applicants,
                category_id, region_id, address, subject, text, language, addressee_id,
                agency_id, status, received_at, due_at, answered_at, forward_count,
                answer_kind, answer_text, termination_reason, extension_reason, imported)
            SELECT 'ЗТ-2020-' || lpad(n::text, 8, '0'), type_id, applicant_id, 0, category_id,
                   region_id, '', '', '', 'ru', addressee_id, agency_id, status,
                   received_at - n * interval '1 day', due_at, answered_at, 0, '', '', '', '',
                   true
            FROM appeals_appeal, generate_series(1, 500) AS n WHERE id = %s
            """,
            [template.pk],
        )
        cursor.execute(
            "INSERT INTO ratings_feedback (appeal_id, satisfied, reason, comment, created_at,"
            " updated_at) SELECT id, true, '', '', now(), now() FROM appeals_appeal"
            " WHERE reference LIKE 'ЗТ-2020-%%'"
        )
        cursor.copy_expert(
            "COPY ratings_feedback (appeal_id, satisfied, reason, comment, created_at,"
            " updated_at) FROM STDIN WITH (FORMAT csv)",
            io.StringIO(f'{copied.pk},f,formal,"",2026-06-01 00:00+05,2026-06-01 00:00+05\n'),
        )
    assert TallyDelta.objects.values("appeal_id").distinct().count() == 501
    tallies_refresh()
    astana = Agency.objects.get(code="akimat-kz-71").pk
    counts = summed(None, AS_OF.date() + DAY)[astana]
    assert (counts["received"], counts["rated"], counts["dissatisfied"]) == (502, 502, 2)


def test_the_triggers_see_a_forward_written_after_its_appeal() -> None:
    made = appeal("akimat-kz-71")
    tallies_refresh()
    AppealEvent.objects.bulk_create(
        [
            AppealEvent(
                appeal=made, action="appeal.forwarded", created_at=made.received_at,
                from_agency=Agency.objects.get(code="mvd"), to_agency=made.agency,
                data={"late": True},
            )
        ]
    )  # fmt: skip
    tallies_refresh()
    counts = summed(None, AS_OF.date() + DAY)
    assert counts[Agency.objects.get(code="mvd").pk]["late_forwards"] == 1
    assert counts[made.agency_id]["forwarded_in"] == 1


def test_many_appeals_to_look_up_again_rebuild_everything() -> None:
    made = random_appeals(seed=5, count=30)
    tallies_refresh()
    other = Category.objects.get(code="other")
    # A category changed: the appeal's forwards are counted again, looked up one by one.
    Appeal.objects.filter(pk__in=[a.pk for a in made[:3]]).update(category=other)
    assert not tallies_refresh(rebuild_above=2).rebuilt  # 3 of 30: a tenth
    Appeal.objects.filter(pk__in=[a.pk for a in made[3:7]]).update(category=other)
    refresh = tallies_refresh(rebuild_above=2)  # 4 of 30: more than a tenth
    assert (refresh.rebuilt, refresh.appeals) == (True, 30)
    assert not TallyDelta.objects.exists()
    assert not DirtyAppeal.objects.exists()
    today = AS_OF.date() + DAY
    assert summed(None, today) == direct_counts(None, today)


def test_signed_parts_of_every_appeal_are_summed_without_a_rebuild() -> None:
    made = random_appeals(seed=6, count=30)
    tallies_refresh()
    changed = Appeal.objects.filter(pk__in=[a.pk for a in made]).exclude(status="terminated")
    count = changed.update(status="terminated")
    assert count > 20  # far more than a tenth, and rebuild_above
    refresh = tallies_refresh(rebuild_above=2)
    assert (refresh.rebuilt, refresh.appeals) == (False, count)
    today = AS_OF.date() + DAY
    assert summed(None, today) == direct_counts(None, today)


# --- the trees the tallies were built with ---


def test_a_changed_agency_tree_rebuilds_the_tallies(data: None) -> None:
    assert tallies_refresh().rebuilt  # never built before
    assert not tallies_refresh().rebuilt
    almaty = Agency.objects.get(code="akimat-kz-75").pk
    astana = Agency.objects.get(code="akimat-kz-71").pk
    before = summed(None, AS_OF.date() + DAY)
    Agency.objects.filter(code="akimat-kz-75-almaly").update(
        parent=Agency.objects.get(code="akimat-kz-71")
    )  # the district's two appeals now belong to Astana's unit
    assert tallies_refresh().rebuilt
    after = summed(None, AS_OF.date() + DAY)
    assert after[almaty]["received"] == before[almaty]["received"] - 2
    assert after[astana]["received"] == before[astana]["received"] + 2
    assert after == direct_counts(None, AS_OF.date() + DAY)


def test_a_changed_category_tree_rebuilds_the_tallies(data: None) -> None:
    tallies_refresh()
    Category.objects.filter(code="education-schools").update(
        parent=Category.objects.get(code="housing")
    )
    assert tallies_refresh().rebuilt
    rankings_recompute(periods=(Period.ALL_TIME,), as_of=AS_OF)
    abai = CategoryRow.objects.filter(agency__code="akimat-kz-10")
    housing = Category.objects.get(code="housing").pk
    assert list(abai.values_list("category_id", "received", "rated", "dissatisfied")) == [
        (housing, 3, 0, 0)
    ]


def test_the_recompute_command_rebuilds_on_request(data: None) -> None:
    tallies_refresh()
    UnitTally.objects.filter(grain=Grain.DAY).update(received=999)  # damage the day rows
    call_command("recompute_rankings", "--rebuild", "--period", Period.ALL_TIME)
    assert not UnitTally.objects.filter(received=999).exists()
    assert RankingSnapshot.objects.filter(period=Period.ALL_TIME).count() == 2
