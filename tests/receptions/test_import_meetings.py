"""import_meetings: past meetings and their questions, counts only, every row checked."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Sum
from django.utils import translation

from agencies.models import Agency
from receptions.figures import figure_span, level_counts
from receptions.importing import COLUMNS
from receptions.importing_load import meetings_import
from receptions.models import FigureLevel, FigurePeriod, Meeting, Question, ReceptionSnapshot
from tests.receptions.data import ministers_2022

pytestmark = pytest.mark.django_db
HEADER = ",".join(COLUMNS)
# A held meeting with two questions, a held one with none, one not held, one planned.
GOOD = [
    "m-1,akimat-kz-75,residents,2023-03-01T15:00,2023-03-01T18:00,Аким города,Аким,KZ-75,"
    "Алмалинский район,held,,,120,housing-heating,мкр. Айнабулак,resolved,",
    "m-1,akimat-kz-75,residents,2023-03-01T15:00,2023-03-01T18:00,Аким города,Аким,KZ-75,"
    "Алмалинский район,held,,,120,land-allocation,,forwarded,mju",
    "m-2,mtszn,target_group,2023-04-05,,Вице-министр,,KZ-33,,held,,pensioners,40,,,,",
    "m-3,akimat-kz-71,personal,2023-05-10,,Аким города,Аким,,,not_held,Командировка,,,,,,",
    "m-4,akimat-kz-71,online,2023-05-11,,Аким города,Аким,,,planned,,,,,,,",
]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def write(tmp_path: Path, *lines: str, name: str = "past.csv") -> str:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return str(path)


def run(path: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_meetings", path, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(path: str, *args: str) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_meetings", path, *args, stdout=io.StringIO(), stderr=err)
    assert not Meeting.objects.exists()
    return err.getvalue()


def test_good_rows_are_imported_as_counts(tmp_path: Path) -> None:
    out, _err = run(write(tmp_path, *GOOD))
    assert "4 meetings and 2 questions imported" in out
    meetings = {m.import_ref: m for m in Meeting.objects.all()}
    held = meetings["m-1"]
    assert (held.status, held.attendance, held.locality, held.imported) == (
        "held", 120, "Алмалинский район", True,
    )  # fmt: skip
    assert held.official is None and held.official_name == "Аким города"
    questions = Question.objects.filter(meeting=held).order_by("pk")
    assert [(q.outcome, q.locality) for q in questions] == [
        ("resolved", "мкр. Айнабулак"), ("forwarded", "Алмалинский район"),
    ]  # fmt: skip
    assert all(q.imported and q.text == "" and q.citizen is None for q in questions)
    assert questions[1].forwarded_to is not None and questions[1].forwarded_to.code == "mju"
    assert meetings["m-2"].target_group == "pensioners" and not meetings["m-2"].questions.exists()
    assert (meetings["m-2"].ends_at - meetings["m-2"].starts_at).total_seconds() == 7200
    assert meetings["m-3"].not_held_reason == "Командировка"
    assert meetings["m-3"].region.code == "KZ-71"  # the akimat's own region
    assert meetings["m-4"].status == "planned"


def test_the_ministers_figure_of_2022_is_reproduced() -> None:
    run(str(ministers_2022.PATH))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(DISTINCT m.id), count(q.id),
                   count(q.id) FILTER (WHERE q.outcome = 'resolved'),
                   count(q.id) FILTER (WHERE q.outcome = 'control')
            FROM receptions_meeting m
            JOIN agencies_agency a ON a.id = m.agency_id
            LEFT JOIN receptions_question q ON q.meeting_id = m.id
            WHERE a.kind = 'ministry' AND m.status = 'held'
              AND m.starts_at >= '2022-01-01T00:00+06' AND m.starts_at < '2023-01-01T00:00+06'
            """
        )
        meetings, questions, resolved, control = cursor.fetchone()
    assert (meetings, questions, resolved, control) == (216, 1_679, 1_241, 438)
    assert round(100 * resolved / questions) == 74


def test_the_published_figures_count_it_the_same() -> None:
    run(str(ministers_2022.PATH))
    span = figure_span(
        FigurePeriod.CUSTOM, datetime.date(2023, 1, 1),
        datetime.date(2022, 1, 1), datetime.date(2022, 12, 31),
    )  # fmt: skip
    ministries = set(Agency.objects.filter(kind="ministry").values_list("pk", flat=True))
    rows = [r for r in level_counts(span, FigureLevel.BODY) if r["agency_id"] in ministries]
    totals = {name: sum(r[name] for r in rows) for name in ("meetings_held", "questions",
                                                            "resolved", "control")}  # fmt: skip
    assert totals == {"meetings_held": 216, "questions": 1_679, "resolved": 1_241,
                      "control": 438}  # fmt: skip


def test_the_command_publishes_the_figures_of_2022() -> None:
    """Imported counts, published as a custom snapshot by the command an analyst runs."""
    run(str(ministers_2022.PATH))
    out = io.StringIO()
    call_command("publish_meeting_figures", "--from", "2022-01-01", "--to", "2022-12-31",
                 stdout=out)  # fmt: skip
    snapshot = ReceptionSnapshot.objects.get(period=FigurePeriod.CUSTOM)
    assert (snapshot.period_start, snapshot.period_end) == (
        datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))  # fmt: skip
    ministries = snapshot.figures.filter(level=FigureLevel.BODY, agency__kind="ministry")
    totals = ministries.aggregate(held=Sum("meetings_held"), questions=Sum("questions"),
                                  resolved=Sum("resolved"))  # fmt: skip
    assert totals == {"held": 216, "questions": 1_679, "resolved": 1_241}
    assert "Published 1 snapshots." in out.getvalue()


def test_the_command_wants_both_dates() -> None:
    with pytest.raises(CommandError):
        call_command("publish_meeting_figures", "--from", "2022-01-01")


def test_the_fixture_is_what_its_script_writes(tmp_path: Path) -> None:
    assert ministers_2022.COLUMNS == COLUMNS
    again = tmp_path / "again.csv"
    ministers_2022.write(again)
    assert again.read_bytes() == ministers_2022.PATH.read_bytes()


def test_importing_the_same_file_again_adds_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, *GOOD)
    run(path)
    counts = (Meeting.objects.count(), Question.objects.count())
    out, _err = run(path)
    assert "0 meetings and 0 questions imported, 4 meetings already imported skipped" in out
    assert (Meeting.objects.count(), Question.objects.count()) == counts == (4, 2)


def test_a_dry_run_keeps_nothing(tmp_path: Path) -> None:
    out, _err = run(write(tmp_path, *GOOD), "--dry-run")
    assert "Dry run" in out and "4 meetings and 2 questions" in out
    assert not Meeting.objects.exists()


ROW = "m-9,akimat-kz-75,residents,2023-03-01,,Аким,,KZ-75,,held,,,,housing-heating,,resolved,"


def changed(column: str, value: str, row: str = ROW) -> str:
    values = next(csv.reader([row]))
    values[COLUMNS.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("agency_code", "akimat-kz-99", "agency_code: unknown code “akimat-kz-99”"),
        ("kind", "party", "kind: one of personal, visiting"),
        ("starts_at", "01.03.2023", "starts_at: not an ISO 8601 date or date-time"),
        # Read by Python, beyond PostgreSQL: this row's error, not the whole COPY's.
        ("starts_at", "2023-03-01T10:00+16:00", "starts_at: not an ISO 8601 date or date-time"),
        ("ends_at", "2023-02-01", "ends_at: not later than starts_at"),
        ("outcome", "solved", "outcome: one of resolved, explained, control, forwarded"),
        ("outcome", "", "outcome: required in a row with a question"),
        ("status", "cancelled", "status: one of planned, held, not_held"),
        ("status", "not_held", "not_held_reason: required for a meeting not held"),
        ("not_held_reason", "Болезнь", "not_held_reason: only a meeting not held has one"),
        ("region_code", "KZ-00", "region_code: unknown code “KZ-00”"),
        ("attendance", "-3", "attendance: a whole number, 0 or more"),
        ("kind", "target_group", "target_group: required for a meeting with a target group"),
        ("target_group", "bankers", "target_group: one of farmers"),
        ("question_category_code", "weather", "question_category_code: unknown code"),
        ("forwarded_to_code", "mju", "forwarded_to_code: only a forwarded question has one"),
        ("official_name", "", "official_name: required"),
        ("official_name", "Я" * 201, "official_name: longer than 200 characters"),
        ("starts_at", "2099-03-01", "status: only a planned meeting can be in the future"),
    ],
)
def test_each_rule_names_line_and_column(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    err = refused(write(tmp_path, ROW.replace("m-9", "m-8"), changed(column, value)))
    assert f"line 3: {message}" in err


def test_a_question_of_a_meeting_not_held_is_refused(tmp_path: Path) -> None:
    row = changed("not_held_reason", "Болезнь", changed("status", "not_held"))
    assert "line 2: outcome: only a held meeting has questions" in refused(write(tmp_path, row))


def test_rows_of_one_meeting_must_agree(tmp_path: Path) -> None:
    other = changed("official_name", "Другой аким")
    err = refused(write(tmp_path, ROW, ROW, other))
    assert "line 4: official_name: differs from line 2 of the same meeting_ref" in err


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "few.csv"
    path.write_text("meeting_ref,agency_code,starts_at\nm-1,mtszn,2023-01-01\n")
    assert "header: missing columns kind, official_name, status" in refused(str(path))


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("\n".join([HEADER, ROW]) + "\n", encoding="utf-8-sig")
    run(str(path))
    assert Meeting.objects.count() == 1


def test_a_file_in_another_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.csv"
    path.write_bytes(("\n".join([HEADER, ROW]) + "\n").encode("cp1251"))
    assert "file: not UTF-8 text" in refused(str(path))


def test_an_oversized_row_is_refused(tmp_path: Path) -> None:
    row = changed("not_held_reason", "x" * 9_000)
    assert "line 2: row: longer than 8,000 characters" in refused(write(tmp_path, row))


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    report = meetings_import(write(tmp_path, *GOOD), max_bytes=100)
    assert report.errors == ["file: larger than 100 bytes"]
    assert not Meeting.objects.exists()


def test_a_row_with_more_fields_than_the_header_is_refused(tmp_path: Path) -> None:
    assert "line 2: row: more fields than the header has" in refused(write(tmp_path, ROW + ",x"))


def test_partial_imports_the_good_rows_and_reports_the_bad(tmp_path: Path) -> None:
    bad_outcome = changed("outcome", "solved", GOOD[1])
    bad_agency = changed("agency_code", "nowhere", GOOD[2])
    path = write(tmp_path, GOOD[0], bad_outcome, bad_agency, *GOOD[3:])
    out, err = run(path, "--partial")
    assert "line 3: outcome" in err and "line 4: agency_code" in err
    assert "3 meetings and 1 questions imported" in out
    assert set(Meeting.objects.values_list("import_ref", flat=True)) == {"m-1", "m-3", "m-4"}
    assert Question.objects.get().outcome == "resolved"
