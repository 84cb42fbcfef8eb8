"""The import's checks on bad input: each bad row named by line with its reason, the good
rows imported in file order, and the rankings' tallies as a full rebuild counts them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from appeals.importing import appeals_import
from appeals.importing_read import MAX_ERRORS_KEPT
from appeals.models import Appeal, AppealEvent, Feedback
from ratings.models import DueTally
from ratings.tallies.refresh import tallies_refresh
from tests.ratings.dataset import appeal
from tests.ratings.oracle import tally_rows

pytestmark = pytest.mark.django_db
HEADER = (
    "reference,type,agency,category,region,received_at,status,answered_at,due_at,"
    "satisfied,forwarded_from"
)
GOOD = ",application,akimat-kz-75,,,2021-03-02,answered,,,,"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def write(tmp_path: Path, *lines: str | bytes) -> str:
    path = tmp_path / "past.csv"
    raw = [line.encode() if isinstance(line, str) else line for line in (HEADER, *lines)]
    path.write_bytes(b"\n".join(raw) + b"\n")
    return str(path)


def errors_of(tmp_path: Path, *lines: str | bytes, skip_invalid: bool = False) -> list[str]:
    return appeals_import(write(tmp_path, *lines), skip_invalid=skip_invalid).errors


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (",application,akimat-kz-75,,,2021-03-02,answered,,,,,extra", "row: more fields"),
        (b",application,akimat-kz-75,\xff\xfe,,2021-03-02,answered,,,,", "row: not UTF-8"),
        (",application,akimat-kz-75,\x00,,2021-03-02,answered,,,,", "row: contains a NUL"),
        (",application,akimat-kz-75," + "x" * 5_000 + ",,2021-03-02,answered,,,,", "row: longer"),
        (",application,akimat-kz-75,nowhere,,2021-03-02,answered,,,,", "category: unknown"),
        (",application,akimat-kz-75,,KZ-00,2021-03-02,answered,,,,", "region: unknown"),
        (",application,akimat-kz-75,,,2021-03-02,answered,,,,akimat-kz-00", "forwarded_from"),
        (",application,akimat-kz-75,,,2021-02-30,answered,,,,", "received_at: not an ISO"),
        (",application,akimat-kz-75,,,2021-03-02T25:00,answered,,,,", "received_at: not an"),
        (",application,akimat-kz-75,,,1850-03-02,answered,,,,", "received_at: in the years"),
        # Read by Python, beyond PostgreSQL: a row's error, not the whole COPY's.
        (",application,akimat-kz-75,,,2021-03-02T09:00:00+20:00,answered,,,,", "received_at"),
        (",application,akimat-kz-75,,,2021-03-02T09:00:00-16:00,answered,,,,", "received_at"),
        (",application,akimat-kz-75,,,2021-03-02,answered,,soon,,", "due_at: not an ISO"),
        (",application,akimat-kz-75,,,2021-03-02,withdrawn,2021-03-04,,,", "answered_at: only"),
        (",application,akimat-kz-75,,,2021-03-02,terminated,,,yes,", "satisfied: only"),
    ],
)
def test_each_bad_row_is_named_with_its_reason(tmp_path: Path, line: str, error: str) -> None:
    errors = errors_of(tmp_path, GOOD, line, GOOD)
    assert len(errors) == 1 and errors[0].startswith(f"line 3: {error}")
    assert not Appeal.objects.exists()


def test_each_written_form_of_a_moment_means_the_same_moment(tmp_path: Path) -> None:
    # The extended form with an offset passes as written; the others are rewritten.
    # Almaty's time was UTC+6 in 2021: the naive forms are read in it.
    forms = [
        "2021-03-02T03:30:00Z",
        "2021-03-02 09:30:00.000+06:00",
        "2021-03-02T09:30:00",
        "2021-W09-2T09:30:00",
        "20210302T093000+0600",
        "2021-03-02T09:30:00,0+06:00",
    ]
    lines = [f',application,akimat-kz-75,,,"{form}",answered,,,,' for form in forms]
    assert appeals_import(write(tmp_path, *lines)).imported == len(forms)
    moments = set(Appeal.objects.values_list("received_at", flat=True))
    assert [moment.isoformat() for moment in moments] == ["2021-03-02T03:30:00+00:00"]


def test_the_first_broken_rule_of_a_row_is_named(tmp_path: Path) -> None:
    # Unknown agency and a bad date: the agency comes first, as a reader reads a row.
    assert errors_of(tmp_path, ",application,nobody,,,never,answered,,,,") == [
        "line 2: agency: unknown code “nobody”"
    ]


def test_a_field_too_large_for_csv_stops_the_file(tmp_path: Path) -> None:
    huge = ',application,akimat-kz-75,"' + "x" * 200_000 + '",,2021-03-02,answered,,,,'
    report = appeals_import(write(tmp_path, GOOD, huge, GOOD), skip_invalid=True)
    assert report.imported == 0 and "not valid CSV" in report.errors[0]
    assert not Appeal.objects.exists()


def test_a_reference_twice_in_the_file_keeps_the_first(tmp_path: Path) -> None:
    row = "ЖТ-2021-00000007,complaint,akimat-kz-75,,,2021-03-01,answered,,,,"
    report = appeals_import(write(tmp_path, row, GOOD, row), skip_invalid=True)
    assert report.errors == ["line 4: reference: appears twice in the file"]
    assert report.imported == 2
    assert Appeal.objects.filter(reference="ЖТ-2021-00000007").count() == 1


def test_a_reference_in_the_database_is_refused_with_the_other_errors(tmp_path: Path) -> None:
    taken = appeal("akimat-kz-75").reference
    errors = errors_of(
        tmp_path, f"{taken},complaint,akimat-kz-75,,,2021-03-01,answered,,,,", "x,planet,,,,,,,,,"
    )
    assert errors == ["line 2: reference: already used", "line 3: agency: required"]


def test_good_rows_get_numbers_in_file_order_and_their_deadlines(tmp_path: Path) -> None:
    late = ",application,akimat-kz-75,,,2021-03-05T19:00:00,in_progress,,,,"  # a Friday evening
    early = ",application,akimat-kz-75,,,2021-03-05T09:00:00,in_progress,,,,"
    assert appeals_import(write(tmp_path, late, early, GOOD)).imported == 3
    first, second, third = Appeal.objects.order_by("reference")
    assert (first.received_at.hour, second.received_at.hour) == (13, 3)  # in UTC: file order
    assert first.due_at > second.due_at  # counted from the next working day
    assert first.pk < second.pk < third.pk


def test_errors_are_counted_past_those_kept(tmp_path: Path) -> None:
    bad = ",application,akimat-kz-00,,,2021-03-02,answered,,,,"
    report = appeals_import(write(tmp_path, *[bad] * (MAX_ERRORS_KEPT + 5)))
    assert report.error_count == MAX_ERRORS_KEPT + 5
    assert len(report.errors) == MAX_ERRORS_KEPT


def due_rows() -> list[tuple[object, ...]]:
    return sorted(DueTally.objects.values_list("day", "unit_id", "due_day", "open"))


def test_the_tallies_after_an_import_are_those_of_a_full_rebuild(tmp_path: Path) -> None:
    appeal("akimat-kz-75", status="answered")
    tallies_refresh()
    before = tally_rows()
    rows = [
        f",{kind},{agency},,,2021-05-{day:02d}T{hour:02d}:30,{status},{answered},,{rated},"
        f"{forwarded}"
        for day in range(1, 25)
        for kind, agency, hour in [("application", "akimat-kz-79", 10), ("complaint", "mtszn", 20)]
        for status, answered, rated, forwarded in [
            ("answered", f"2021-06-{day:02d}", "no" if day % 3 else "yes", ""),
            ("terminated", f"2021-05-{day + 1:02d}", "", "akimat-kz-75"),
            ("in_progress", "", "", "akimat-kz-71" if day % 2 else ""),
            ("withdrawn", "", "", ""),
        ]
    ]
    assert appeals_import(write(tmp_path, *rows)).imported == len(rows) == 192
    assert Feedback.objects.filter(appeal__imported=True).count() == 48
    assert AppealEvent.objects.filter(appeal__imported=True).count() == 72
    tallies_refresh()
    imported, due = tally_rows(), due_rows()
    assert imported != before
    tallies_refresh(rebuild=True)
    assert tally_rows() == imported
    assert due_rows() == due
