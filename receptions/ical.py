"""The public calendar as an iCalendar feed (RFC 5545), written by hand: one VEVENT per
meeting, public fields only, text escaped and lines folded at 75 octets."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from receptions.models import Meeting
from receptions.selectors import MeetingFilters, today

PAST_DAYS = 30
FUTURE_DAYS = 180
MAX_EVENTS = 500
LINE_OCTETS = 75


def feed_filters(filters: MeetingFilters) -> MeetingFilters:
    """The filters, held to the feed's window: the last PAST_DAYS and next FUTURE_DAYS."""
    now = today()
    least, most = now - datetime.timedelta(days=PAST_DAYS), now + datetime.timedelta(FUTURE_DAYS)
    start = max(filters.date_from or least, least)
    end = min(filters.date_to or most, most)
    return MeetingFilters(
        body=filters.body, region=filters.region, kind=filters.kind,
        target_group=filters.target_group, date_from=start, date_to=end,
    )  # fmt: skip


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11); bare carriage returns go with the newlines."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line cut into lines of at most 75 octets, never inside a character."""
    if len(line.encode()) <= LINE_OCTETS:  # most lines: the loop below was 40 % of a feed
        return line
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        limit = LINE_OCTETS if not parts else LINE_OCTETS - 1  # a continuation starts with " "
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _description(meeting: Meeting) -> str:
    lines = [meeting.agency.name, f"{meeting.get_kind_display()}: {meeting.official_name}"]
    if meeting.official_post:
        lines.append(meeting.official_post)
    if meeting.topics:
        lines.append(f"{_('Topics')}: {meeting.topics}")
    if meeting.status == Meeting.Status.NOT_HELD:
        lines.append(f"{_('Not held')}: {meeting.not_held_reason}")
    return "\n".join(lines)


def _event(meeting: Meeting, stamp: datetime.datetime, site: str, host: str) -> list[str]:
    place = ", ".join(part for part in (meeting.place, meeting.locality) if part)
    status = "CANCELLED" if meeting.status == Meeting.Status.NOT_HELD else "CONFIRMED"
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends_at)}",
        f"SUMMARY:{escape(f'{meeting.get_kind_display()}: {meeting.official_name}')}",
        f"DESCRIPTION:{escape(_description(meeting))}",
        f"STATUS:{status}",
        f"URL:{site}{reverse('receptions:meeting', args=[meeting.pk])}",
    ]
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    lines.append("END:VEVENT")
    return lines


def calendar_text(meetings: Iterable[Meeting], stamp: datetime.datetime) -> str:
    """The whole feed, CRLF line ends, ready to send as text/calendar."""
    site = settings.SITE_URL.rstrip("/")
    host = site.split("://", 1)[-1].split("/", 1)[0] or "otinish"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Otinish//Receptions//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(_('Receptions and meetings'))}",
    ]
    for meeting in meetings:
        lines.extend(_event(meeting, stamp, site, host))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
