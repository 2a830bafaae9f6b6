"""The calendar as an iCalendar (.ics) file for Outlook, Google and Apple calendars.

Calendars end up in the cloud, so an event carries a title and nothing else a coach wrote:
the items it renders have no notes to leak (see ``core.calendar_items``).

Times: timed events are written in UTC (``DTSTART:20261204T150000Z``), which every calendar
reads without a VTIMEZONE. A stored time is the coach's wall-clock time, converted with the
rules of the zone passed in or, by default, the system's own rules for *that date*
(``datetime.astimezone()`` on a naive value asks the operating system's ``mktime``, which
applies daylight saving time as it was on that day, on Linux, macOS and Windows alike, with
no need to find an IANA zone name). Taking today's offset from
``datetime.now().astimezone().tzinfo`` would put every event of the other half of the year
an hour off.

Deadlines and anything without a start time are all-day events (``VALUE=DATE``, the end the
next day, shown as free time). UIDs are ``<stored uid>@rooted-desktop``, so importing the file
again updates events instead of adding copies. ``icalendar`` is imported on first use only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from rooted_desktop.core.calendar_items import CalendarItem

PRODID = "-//Rooted Desktop//Rooted Desktop calendar export//EN"
UID_DOMAIN = "rooted-desktop"


def event_uid(item: CalendarItem) -> str:
    if not item.uid:
        raise ValueError(f"{item.kind} {item.source_id} has no uid; fill uids before exporting")
    return f"{item.uid}@{UID_DOMAIN}"


def to_utc(day: date, start: time, zone: tzinfo | None = None) -> datetime:
    """A wall-clock date and time in ``zone`` (default: the system's zone) as UTC."""
    local = datetime.combine(day, start)
    if zone is not None:
        return local.replace(tzinfo=zone).astimezone(UTC)
    return local.astimezone(UTC)  # naive: the system's rules for that very date


def event_status(item: CalendarItem) -> str:
    if item.cancelled:
        return "CANCELLED"
    if item.tentative:
        return "TENTATIVE"
    return "CONFIRMED"


def render_ics(
    items: Sequence[CalendarItem],
    *,
    calendar_name: str,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> bytes:
    """One VEVENT per item. ``now`` fixes DTSTAMP (the same input then gives the same bytes);
    ``zone`` is the zone stored times are in (default: the system's)."""
    from icalendar import Calendar, Event

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", calendar_name)  # RFC 7986
    calendar.add("x-wr-calname", calendar_name)  # what Outlook and Google read
    for item in items:
        event = Event()
        event.add("uid", event_uid(item))
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        if item.all_day or item.start is None:
            event.add("dtstart", item.day)
            event.add("dtend", item.day + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            start = to_utc(item.day, item.start, zone)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=item.duration_minutes))
        event.add("status", event_status(item))
        event.add("categories", [item.kind.value])
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
