"""The .ics export read back with icalendar: events, UIDs, dates, UTC times, status, privacy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time as systime
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import update

from rooted_desktop.core.calendar_items import CalendarItem, ItemKind
from rooted_desktop.guide import load_default_guide
from rooted_desktop.reports.ics import render_ics, to_utc
from rooted_desktop.services.calendar import CalendarService
from rooted_desktop.services.demo import build_demo_store
from rooted_desktop.store.models import (
    CoachingSession,
    CollaborationMeeting,
    DataRequirement,
    Observation,
    Provider,
    ReflectiveConsultation,
    Training,
)
from rooted_desktop.store.store import Store

TODAY = date(2026, 12, 4)
CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
SENTINEL = "SENTINEL-coach-only-7f3a"


def item(kind: ItemKind, uid: str, day: date, start: time | None, status: str, **kw: Any) -> Any:
    values: dict[str, Any] = {
        "kind": kind, "uid": uid, "day": day, "start": start, "minutes": 45,
        "title": f"{kind.label} — Zoë Martínez", "provider_id": 1,
        "provider_name": "Zoë Martínez", "status_label": status, "source_id": 1,
        "all_day": start is None,
    }  # fmt: skip
    return CalendarItem(**(values | kw))


ITEMS = [
    item(ItemKind.DEADLINE, "d1", date(2026, 12, 31), None, "Not started",
         title="Due: Benchmarks of Quality (center-wide) — Zoë Martínez", minutes=None),
    item(ItemKind.VISIT, "v1", date(2026, 12, 4), time(9, 0), "Completed"),
    item(ItemKind.VISIT, "v2", date(2026, 12, 8), time(9, 0), "Planned"),
    item(ItemKind.VISIT, "v3", date(2026, 7, 14), time(9, 0), "Cancelled"),
    item(ItemKind.PCM, "p1", date(2026, 12, 10), time(18, 30), "Held", minutes=None,
         provider_id=None, provider_name=""),
    item(ItemKind.OBSERVATION, "o1", date(2026, 10, 20), time(9, 0), "Scheduled", minutes=None),
]  # fmt: skip


def events(data: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_one_event_per_item_with_stable_uids() -> None:
    first = render_ics(ITEMS, calendar_name="Coaching", now=NOW)
    second = render_ics(list(reversed(ITEMS)), calendar_name="Coaching", now=NOW + timedelta(1))
    assert set(events(first)) == set(events(second)) == {f"{i.uid}@rooted-desktop" for i in ITEMS}
    assert render_ics(ITEMS, calendar_name="Coaching", now=NOW) == first  # deterministic
    calendar = Calendar.from_ical(first)
    assert str(calendar["X-WR-CALNAME"]) == "Coaching" and str(calendar["VERSION"]) == "2.0"
    stamps = {e.decoded("DTSTAMP") for e in events(first).values()}
    assert stamps == {NOW}


def test_deadlines_are_all_day_dates() -> None:
    data = render_ics(ITEMS, calendar_name="Coaching", now=NOW)
    deadline = events(data)["d1@rooted-desktop"]
    start, end = deadline.decoded("DTSTART"), deadline.decoded("DTEND")
    assert type(start) is date and start == date(2026, 12, 31)
    assert type(end) is date and end == date(2027, 1, 1)
    assert str(deadline["TRANSP"]) == "TRANSPARENT"
    assert b"DTSTART;VALUE=DATE:20261231" in data
    assert str(deadline["SUMMARY"]) == "Due: Benchmarks of Quality (center-wide) — Zoë Martínez"


def test_timed_events_in_utc_across_daylight_saving() -> None:
    found = events(render_ics(ITEMS, calendar_name="Coaching", now=NOW, zone=CHICAGO))
    december = found["v1@rooted-desktop"]  # CST, UTC-6
    assert december.decoded("DTSTART") == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    assert december.decoded("DTEND") == datetime(2026, 12, 4, 15, 45, tzinfo=UTC)
    july = found["v3@rooted-desktop"]  # CDT, UTC-5
    assert july.decoded("DTSTART") == datetime(2026, 7, 14, 14, 0, tzinfo=UTC)
    for event in found.values():
        start = event.decoded("DTSTART")
        if isinstance(start, datetime):
            assert start.utcoffset() == timedelta(0)
            assert "TZID" not in event["DTSTART"].params
    assert b"VTIMEZONE" not in render_ics(ITEMS, calendar_name="C", now=NOW, zone=CHICAGO)


@pytest.fixture
def system_zone_chicago() -> Iterator[None]:
    if not hasattr(systime, "tzset"):
        pytest.skip("time.tzset is Unix only")
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/Chicago"
    systime.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        systime.tzset()


@pytest.mark.usefixtures("system_zone_chicago")
def test_default_zone_is_the_systems_own_rules_for_each_date() -> None:
    assert to_utc(date(2026, 12, 4), time(9, 0)) == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    assert to_utc(date(2026, 7, 14), time(9, 0)) == datetime(2026, 7, 14, 14, 0, tzinfo=UTC)


def test_status_categories_and_default_lengths() -> None:
    found = events(render_ics(ITEMS, calendar_name="Coaching", now=NOW, zone=CHICAGO))
    statuses = {uid.split("@")[0]: str(e["STATUS"]) for uid, e in found.items()}
    assert statuses == {
        "d1": "CONFIRMED", "v1": "CONFIRMED", "v2": "TENTATIVE", "v3": "CANCELLED",
        "p1": "CONFIRMED", "o1": "TENTATIVE",
    }  # fmt: skip
    assert [str(c) for c in found["p1@rooted-desktop"]["CATEGORIES"].cats] == ["pcm"]
    pcm, observation = found["p1@rooted-desktop"], found["o1@rooted-desktop"]
    assert pcm.decoded("DTEND") - pcm.decoded("DTSTART") == timedelta(minutes=60)
    assert observation.decoded("DTEND") - observation.decoded("DTSTART") == timedelta(hours=2)
    assert all("DESCRIPTION" not in e for e in found.values())


def test_an_item_without_uid_is_refused() -> None:
    with pytest.raises(ValueError, match="no uid"):
        render_ics([item(ItemKind.VISIT, "", TODAY, time(9, 0), "Planned")], calendar_name="C")


def test_icalendar_is_not_loaded_at_start() -> None:
    code = (
        "import sys, rooted_desktop.services.calendar, rooted_desktop.reports.ics;"
        "print('icalendar' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- through the service, on a real store ---------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "store.db")
    build_demo_store(opened, providers=6, years=1, today=TODAY)
    yield opened
    opened.close()


def test_two_exports_give_the_same_events(store: Store, tmp_path: Path) -> None:
    calendar = CalendarService(store, load_default_guide(), clock=lambda: TODAY)
    with store.transaction() as session:
        session.execute(update(CoachingSession).values(uid=""))  # rows written without uids
    first, last = date(2026, 7, 1), date(2027, 6, 30)
    count = calendar.export_ics(tmp_path / "a.ics", first, last, now=NOW)
    again = calendar.export_ics(tmp_path / "b.ics", first, last, now=NOW)
    a, b = (tmp_path / "a.ics").read_bytes(), (tmp_path / "b.ics").read_bytes()
    assert count == again == len(events(a)) > 50
    assert a == b
    kinds = {str(e["CATEGORIES"].cats[0]) for e in events(a).values()}
    assert kinds == {k.value for k in ItemKind}
    assert not list(tmp_path.glob(".*.part"))


def test_no_note_ever_reaches_the_calendar(store: Store, tmp_path: Path) -> None:
    sections = json.dumps([{"key": "check_in", "title": "Check-in", "text": SENTINEL}])
    notes: dict[Any, dict[str, str]] = {
        CoachingSession: {"coach_notes": SENTINEL, "sections_json": sections, "focus": SENTINEL,
                          "strengths": SENTINEL, "next_steps": SENTINEL,
                          "joint_plan": SENTINEL, "strategies_json": json.dumps([SENTINEL])},
        CollaborationMeeting: {"debrief_notes": SENTINEL, "next_topic_ideas": SENTINEL},
        ReflectiveConsultation: {"notes": SENTINEL},
        Training: {"implementation_notes": SENTINEL},
        Observation: {"debrief_strengths": SENTINEL, "debrief_next_steps": SENTINEL},
        DataRequirement: {"notes": SENTINEL, "status": "in-progress"},
        Provider: {"notes": SENTINEL},
    }  # fmt: skip
    with store.transaction() as session:
        for table, values in notes.items():
            assert session.execute(update(table).values(**values)).rowcount > 0
    calendar = CalendarService(store, load_default_guide(), clock=lambda: TODAY)
    path = tmp_path / "year.ics"
    count = calendar.export_ics(path, date(2026, 7, 1), date(2027, 6, 30), now=NOW)
    data = path.read_bytes()
    unfolded = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    assert count == len(events(data)) > 50
    assert SENTINEL.encode() not in unfolded
    assert SENTINEL not in unfolded.decode("utf-8").replace("\\", "")
    items = calendar.items(date(2026, 7, 1), date(2027, 6, 30))
    assert not [i for i in items if SENTINEL in repr(i)]
