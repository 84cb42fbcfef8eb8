"""Working days in Asia/Almaty, for the deadlines the law gives state bodies.

Monday to Friday, less Kazakhstan's public holidays (with their observed days), unless an
admin's `CalendarDay` row says otherwise. An appeal received on a day off, or after the
working day's end, counts from the next working day ("day zero"); a deadline of N working
days ends at the close of the Nth working day after it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

from agencies.held import HeldSpan
from agencies.models import CalendarDay

ALMATY = ZoneInfo("Asia/Almaty")
# A deadline of N working days never spans more than this many calendar days
# (Kazakhstan's longest run of days off is under two weeks a year).
_CALENDAR_SPAN_PER_WORKING_DAY = 2
_CALENDAR_SPAN_SLACK = 30


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.KZ(years=year))


def workday_cutoff() -> datetime.time:
    hours, minutes = settings.WORKDAY_CUTOFF.split(":")
    return datetime.time(int(hours), int(minutes))


@dataclass(frozen=True)
class WorkCalendar:
    """The statutory calendar plus the admins' exceptions for some span of dates."""

    days_off: frozenset[datetime.date] = field(default_factory=frozenset)
    working_days: frozenset[datetime.date] = field(default_factory=frozenset)

    @classmethod
    def load(cls, start: datetime.date, end: datetime.date) -> WorkCalendar:
        """The calendar with every exception between `start` and `end` (one small query)."""
        rows = CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind")
        days_off = {day for day, kind in rows if kind == CalendarDay.Kind.DAY_OFF}
        working = {day for day, kind in rows if kind == CalendarDay.Kind.WORKING_DAY}
        return cls(days_off=frozenset(days_off), working_days=frozenset(working))

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5 and day not in public_holidays(day.year)

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The first working day strictly after `day`."""
        day += datetime.timedelta(days=1)
        while not self.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    def add_working_days(self, start: datetime.date, count: int) -> datetime.date:
        day = start
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def day_zero(self, received_at: datetime.datetime) -> datetime.date:
        """The working day from which a deadline is counted."""
        local = received_at.astimezone(ALMATY)
        if self.is_working_day(local.date()) and local.time() < workday_cutoff():
            return local.date()
        return self.next_working_day(local.date())

    def due_at(self, received_at: datetime.datetime, working_days: int) -> datetime.datetime:
        """The last moment of the last working day of the deadline, as an aware datetime."""
        due_date = self.add_working_days(self.day_zero(received_at), working_days)
        return end_of_day(due_date)


def end_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=ALMATY)


# The exceptions around today, kept in each process (agencies.held): most deadlines start now.
_HELD = HeldSpan(WorkCalendar.load)


def calendar_for(received_at: datetime.datetime, working_days: int) -> WorkCalendar:
    """A calendar with the exceptions of at least the span a deadline from `received_at`
    can reach."""
    start = received_at.astimezone(ALMATY).date()
    span = working_days * _CALENDAR_SPAN_PER_WORKING_DAY + _CALENDAR_SPAN_SLACK
    end = start + datetime.timedelta(days=span)
    held: WorkCalendar | None = _HELD.covering(start, end, datetime.datetime.now(ALMATY).date())
    return held if held is not None else WorkCalendar.load(start, end)


def due_at(received_at: datetime.datetime, working_days: int) -> datetime.datetime:
    """The deadline for an appeal received at `received_at` with `working_days` to answer."""
    return calendar_for(received_at, working_days).due_at(received_at, working_days)
