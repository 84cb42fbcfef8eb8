from __future__ import annotations

import datetime

import pytest

from agencies.models import CalendarDay
from agencies.workdays import ALMATY, WorkCalendar, due_at

pytestmark = pytest.mark.django_db


def almaty(
    year: int, month: int, day: int, hour: int, minute: int, second: int = 0, micro: int = 0
) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, micro, tzinfo=ALMATY)


def test_friday_evening_before_nowruz_counts_from_the_thursday_after() -> None:
    # Friday 20 March 2026, 19:00: after the 18:30 cut-off; 21-25 March are Nowruz days off.
    received = almaty(2026, 3, 20, 19, 0)
    assert WorkCalendar().day_zero(received) == datetime.date(2026, 3, 26)
    # 15 working days after Thursday 26 March: 27, 30, 31 March, 1-3, 6-10, 13-16 April.
    assert due_at(received, 15) == almaty(2026, 4, 16, 23, 59, 59, 999999)


def test_friday_afternoon_counts_from_that_friday() -> None:
    received = almaty(2026, 3, 20, 18, 0)
    assert WorkCalendar().day_zero(received) == datetime.date(2026, 3, 20)
    assert due_at(received, 15).date() == datetime.date(2026, 4, 15)


def test_the_cut_off_minute_itself_is_after_hours() -> None:
    assert WorkCalendar().day_zero(almaty(2026, 3, 19, 18, 30)) == datetime.date(2026, 3, 20)
    assert WorkCalendar().day_zero(almaty(2026, 3, 19, 18, 29)) == datetime.date(2026, 3, 19)


def test_the_cut_off_is_read_in_almaty_time() -> None:
    # 13:00 UTC is 18:00 in Almaty (UTC+5): before the cut-off.
    received = datetime.datetime(2026, 3, 19, 13, 0, tzinfo=datetime.UTC)
    assert WorkCalendar().day_zero(received) == datetime.date(2026, 3, 19)


def test_a_weekend_with_an_observed_holiday_counts_from_tuesday() -> None:
    # Sunday 8 March 2026 is Women's Day; it is observed on Monday 9 March.
    received = almaty(2026, 3, 7, 11, 0)
    assert WorkCalendar().day_zero(received) == datetime.date(2026, 3, 10)


def test_a_complaint_has_twenty_working_days_across_new_year() -> None:
    # Received Monday 21 December 2026. New Year: 1 January 2027 and Saturday 2 January,
    # observed on Monday 4 January; Orthodox Christmas: Thursday 7 January.
    received = almaty(2026, 12, 21, 10, 0)
    # Dec 22-25 (4), 28-31 (8), Jan 5-6 (10), 8 (11), 11-15 (16), 18-21 (20).
    assert due_at(received, 20).date() == datetime.date(2027, 1, 21)


def test_an_admin_day_off_moves_the_deadline() -> None:
    received = almaty(2026, 4, 1, 10, 0)
    before = due_at(received, 15).date()
    CalendarDay.objects.create(
        date=datetime.date(2026, 4, 10), kind=CalendarDay.Kind.DAY_OFF, note="Decree"
    )
    assert due_at(received, 15).date() == before + datetime.timedelta(days=1)


def test_a_transferred_working_saturday_counts() -> None:
    saturday = datetime.date(2026, 4, 4)
    CalendarDay.objects.create(date=saturday, kind=CalendarDay.Kind.WORKING_DAY)
    received = almaty(2026, 4, 4, 10, 0)
    assert WorkCalendar.load(saturday, saturday).day_zero(received) == saturday
    assert due_at(received, 1).date() == datetime.date(2026, 4, 6)


def test_an_admin_working_day_overrides_a_public_holiday() -> None:
    holiday = datetime.date(2026, 7, 6)  # Capital Day
    assert not WorkCalendar().is_working_day(holiday)
    CalendarDay.objects.create(date=holiday, kind=CalendarDay.Kind.WORKING_DAY)
    assert WorkCalendar.load(holiday, holiday).is_working_day(holiday)
