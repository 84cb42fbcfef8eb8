from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import translation

from appeals import importing_load
from appeals.importing import appeals_import
from appeals.models import Appeal, AppealEvent, Feedback
from core import checked_writes
from ratings.models import DirtyAppeal, Period, Scope, TallyDelta
from ratings.snapshots import latest_snapshot, rankings_recompute
from ratings.tallies.refresh import tallies_refresh
from ratings.tallies.sql import PART_FLAGS
from tests.ratings.oracle import tally_rows
from tests.roles import plain_role

pytestmark = pytest.mark.django_db
HEADER = (
    "reference,type,agency,category,region,received_at,status,answered_at,due_at,"
    "satisfied,forwarded_from"
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def write(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "past.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return str(path)


GOOD = [
    "ЖТ-2021-00000001,complaint,akimat-kz-75,housing-heating,KZ-75,2021-03-01,answered,"
    "2021-03-10T12:00:00+05:00,,no,",
    ",application,akimat-kz-75,,,2021-03-02T10:00:00,answered,2021-03-05,,yes,akimat-kz-71",
    ",request,mtszn,,,2021-04-01,in_progress,,,,",
]


def test_good_rows_are_imported_without_personal_data(tmp_path: Path) -> None:
    call_command("import_appeals", write(tmp_path, *GOOD), stdout=io.StringIO())
    appeals = Appeal.objects.order_by("received_at")
    assert appeals.count() == 3
    assert all(a.imported and a.subject == "" and a.text == "" for a in appeals)
    first = appeals[0]
    assert first.reference == "ЖТ-2021-00000001"
    assert first.region is not None and first.region.code == "KZ-75"
    assert Feedback.objects.get(appeal=first).satisfied is False
    second = appeals[1]
    assert second.reference.startswith("ЗТ-2021-")
    assert (second.addressee.code, second.agency.code, second.forward_count) == (
        "akimat-kz-71", "akimat-kz-75", 1,
    )  # fmt: skip
    assert AppealEvent.objects.get(appeal=second).action == "appeal.forwarded"
    third = appeals[2]
    assert third.region is None  # a ministry's appeal with no region given
    assert third.due_at > third.received_at  # computed from the type's 15 working days


def test_a_bad_row_imports_nothing_and_names_line_and_column(tmp_path: Path) -> None:
    bad = ",application,akimat-kz-99,,,2021-03-02,answered,,,,"
    worse = ",application,akimat-kz-75,,,yesterday,answered,,,,"
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="2 bad rows"):
        call_command("import_appeals", write(tmp_path, *GOOD, bad, worse), stderr=stderr)
    assert "line 5: agency: unknown code “akimat-kz-99”" in stderr.getvalue()
    assert "line 6: received_at: not an ISO 8601" in stderr.getvalue()
    assert not Appeal.objects.exists()


def test_skip_invalid_imports_the_good_rows(tmp_path: Path) -> None:
    bad = ",application,akimat-kz-75,,,2021-03-02,answered,,,maybe,"
    out, err = io.StringIO(), io.StringIO()
    path = write(tmp_path, *GOOD, bad)
    call_command("import_appeals", path, "--skip-invalid", stdout=out, stderr=err)
    assert Appeal.objects.count() == 3
    assert "line 5: satisfied" in err.getvalue()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (",planet,akimat-kz-75,,,2021-03-02,answered,,,,", "type"),
        (",application,akimat-kz-75,,,2021-03-02,lost,,,,", "status"),
        (",application,akimat-kz-75,,,2021-03-02,answered,2021-03-01,,,", "answered_at"),
        (",application,akimat-kz-75,,,2021-03-02,in_progress,,,yes,", "satisfied"),
        ("bad-ref,application,akimat-kz-75,,,2021-03-02,answered,,,,", "reference"),
        (",application,,,,2021-03-02,answered,,,,", "agency: required"),
    ],
)
def test_each_rule(tmp_path: Path, line: str, message: str) -> None:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_appeals", write(tmp_path, line), stderr=err)
    assert message in err.getvalue()


def test_a_reference_already_used_is_refused(tmp_path: Path) -> None:
    call_command("import_appeals", write(tmp_path, GOOD[0]), stdout=io.StringIO())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_appeals", write(tmp_path, GOOD[0]), stderr=err)
    assert "reference: already used" in err.getvalue()
    assert Appeal.objects.count() == 1


def test_imported_history_feeds_the_rankings(tmp_path: Path, settings: object) -> None:
    rows = [
        f",application,akimat-kz-79,,,2021-05-{day:02d},answered,2021-05-{day + 1:02d},,"
        f"{'no' if day % 3 == 0 else 'yes'},"
        for day in range(1, 28)
    ]
    call_command("import_appeals", write(tmp_path, *rows), stdout=io.StringIO())
    rankings_recompute(periods=(Period.ALL_TIME,))
    snapshot = latest_snapshot(Scope.AKIMATS, Period.ALL_TIME)
    assert snapshot is not None
    shymkent = snapshot.rows.get(agency__code="akimat-kz-79")
    assert (shymkent.received, shymkent.answered, shymkent.rated, shymkent.dissatisfied) == (
        27, 27, 27, 9,
    )  # fmt: skip


def test_an_import_logs_each_appeal_once_with_its_rating(tmp_path: Path) -> None:
    """The ratings go in before their appeals: one logged part per appeal, carrying the
    rating, and the next refresh counts what a rebuild counts."""
    tallies_refresh()
    call_command("import_appeals", write(tmp_path, *GOOD), stdout=io.StringIO())
    logged = TallyDelta.objects.order_by("appeal_id").values_list("sign", "flags")
    rated, dissatisfied = (1 << PART_FLAGS.index(flag) for flag in ("rated", "dissatisfied"))
    assert [(sign, flags & (rated | dissatisfied)) for sign, flags in logged] == [
        (1, rated | dissatisfied), (1, rated), (1, 0),
    ]  # fmt: skip
    tallies_refresh()
    incremental = tally_rows()
    tallies_refresh(rebuild=True)
    assert tally_rows() == incremental


def test_the_import_skips_only_the_triggers_it_stands_in_for() -> None:
    """The test database's owner may skip triggers; a new trigger on a table the import
    writes must be stood in for (importing_load.STOOD_IN_FOR), or the import keeps them."""
    with connection.cursor() as cursor:
        assert checked_writes.may_skip_triggers(cursor)
        found = checked_writes.insert_triggers(cursor, importing_load.WRITTEN)
    assert found == importing_load.STOOD_IN_FOR


def _imported_log(path: str) -> tuple[list[tuple[object, ...]], list[int]]:
    """An import's log, by appeal in file order, and the lines marked for their forwards;
    then rolled back."""
    with transaction.atomic():
        first = Appeal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        assert appeals_import(path).imported == len(GOOD)
        columns = ("sign", "flags", "day", "agency_id", "category_id", "days")
        rows = list(TallyDelta.objects.order_by("appeal_id", "sign").values_list(*columns))
        ids = sorted(Appeal.objects.filter(pk__gt=first).values_list("pk", flat=True))
        dirty = DirtyAppeal.objects.values_list("appeal_id", flat=True)
        lines = sorted(ids.index(appeal_id) for appeal_id in dirty)
        transaction.set_rollback(True)
    return rows, lines


def test_past_the_triggers_or_with_them_an_import_logs_the_same(tmp_path: Path) -> None:
    """As a superuser, as a role granted the setting (docs/deployment.md), as a plain role."""
    path = write(tmp_path, *GOOD)
    tallies_refresh()
    skipping = _imported_log(path)
    setting = "session_replication_role"
    with connection.cursor() as cursor:
        with plain_role(cursor, "otinish_import_plain", member=False):
            assert not checked_writes.may_skip_triggers(cursor)
            with_triggers = _imported_log(path)
        with plain_role(cursor, "otinish_import_granted", member=False, granted=setting):
            assert checked_writes.may_skip_triggers(cursor)
            granted = _imported_log(path)
    assert skipping == granted == with_triggers
    assert skipping[1] == [1]  # the forwarded one, counted again


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    with path.open("w", newline="") as out:
        csv.writer(out).writerows([["type", "agency"], ["application", "akimat-kz-75"]])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_appeals", str(path), stderr=err)
    assert "missing columns received_at, status" in err.getvalue()
