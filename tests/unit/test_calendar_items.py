"""Calendar items: every kind, status in words and shapes, deadlines, six queries, stored UIDs."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import fields
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, update
from sqlmodel import col, select

from rooted_desktop.core.calendar_items import CalendarItem, ItemKind, ItemStatus
from rooted_desktop.core.errors import UserError
from rooted_desktop.guide import load_default_guide
from rooted_desktop.services.calendar import CalendarService
from rooted_desktop.services.demo import build_demo_store
from rooted_desktop.store import calendar as calendar_rows
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
DEC_FIRST, DEC_LAST = date(2026, 12, 1), date(2026, 12, 31)
GUIDE = load_default_guide()
NAMES = {spec.key: spec.name for spec in GUIDE.requirements}


def _uid() -> str:
    return uuid.uuid4().hex


def add_december_extras(store: Store) -> None:
    """What the demo's December lacks: a cancelled visit, a PCM, a training, an observation,
    a visit without a start time, and the coach's own survey still to do."""
    with store.transaction() as session:
        first, second = session.exec(select(Provider).order_by(col(Provider.id))).all()[:2]
        assert first.id is not None and second.id is not None
        session.add_all(
            [
                CoachingSession(uid=_uid(), provider_id=first.id, date=date(2026, 12, 15),
                                start_time=time(10, 0), minutes=60, mode="in-person",
                                status="cancelled"),
                CoachingSession(uid=_uid(), provider_id=second.id, date=date(2026, 12, 17),
                                start_time=None, minutes=30, mode="phone", status="planned"),
                CollaborationMeeting(uid=_uid(), date=date(2026, 12, 10), start_time=time(18, 30),
                                     minutes=90, topic="Calm-down corners"),
                Training(uid=_uid(), kind="3A", date=date(2026, 12, 12), start_time=time(8, 30),
                         minutes=360),
                Observation(uid=_uid(), provider_id=second.id, program_year_id=1, tool="TPOT",
                            observer="Dana Lee", scheduled_on=date(2026, 12, 16),
                            start_time=time(9, 0)),
            ]
        )  # fmt: skip
        session.execute(
            update(DataRequirement)
            .where(col(DataRequirement.kind) == "rc_survey")
            .values(status="not-started")
        )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "store.db")
    build_demo_store(opened, providers=6, years=1, today=TODAY)
    add_december_extras(opened)
    yield opened
    opened.close()


@pytest.fixture
def calendar(store: Store) -> CalendarService:
    return CalendarService(store, GUIDE, clock=lambda: TODAY)


def test_december_has_every_kind_in_order(calendar: CalendarService) -> None:
    items = calendar.items(DEC_FIRST, DEC_LAST)
    assert {item.kind for item in items} == set(ItemKind)
    assert items == sorted(items, key=CalendarItem.sort_key)
    assert all(DEC_FIRST <= item.day <= DEC_LAST for item in items)
    for day, listed in calendar.items_by_day(DEC_FIRST, DEC_LAST).items():
        assert {item.day for item in listed} == {day}
        starts = [item.start is not None for item in listed]
        assert starts == sorted(starts)  # all-day items first


def test_titles_names_and_status_words(calendar: CalendarService) -> None:
    items = calendar.items(DEC_FIRST, DEC_LAST)
    by_kind = {kind: [i for i in items if i.kind is kind] for kind in ItemKind}
    visit = next(i for i in by_kind[ItemKind.VISIT] if i.start is not None)
    assert visit.title.startswith("Coaching visit") and visit.title.endswith(visit.provider_name)
    assert visit.provider_id is not None
    assert [i.title for i in by_kind[ItemKind.PCM]] == [
        "Provider Collaboration Meeting — Calm-down corners"
    ]
    assert by_kind[ItemKind.PCM][0].status_label == "Planned"
    assert [i.title for i in by_kind[ItemKind.TRAINING]] == ["Training: Pyramid Module 3A"]
    (observation,) = by_kind[ItemKind.OBSERVATION]
    assert (
        observation.title == f"TPOT observation — {observation.provider_name} (observer: Dana Lee)"
    )
    assert observation.status_label == "Scheduled" and observation.duration_minutes == 120
    (rc,) = by_kind[ItemKind.RC]
    assert rc.title == "Reflective Consultation"
    assert rc.status_label == "Planned"  # on Dec 9, after today: not a miss yet
    phone = next(i for i in by_kind[ItemKind.VISIT] if i.start is None)
    assert phone.all_day and phone.title.startswith("Coaching visit (phone) — ")


def test_cancelled_visit_is_told_apart_without_colour(calendar: CalendarService) -> None:
    visits = [i for i in calendar.items(DEC_FIRST, DEC_LAST) if i.kind is ItemKind.VISIT]
    by_status = {i.status_label: i for i in visits}
    assert set(by_status) == {"Planned", "Completed", "Cancelled"}
    markers = {label: item.marker for label, item in by_status.items()}
    assert markers == {"Planned": "○", "Completed": "●", "Cancelled": "✕"}
    cancelled = by_status["Cancelled"]
    assert cancelled.cancelled and not cancelled.tentative
    assert "Cancelled" in cancelled.label and "✕" in cancelled.label
    assert "Cancelled" not in by_status["Planned"].label


def test_deadlines_only_for_requirements_still_to_do(
    store: Store, calendar: CalendarService
) -> None:
    with store.reading() as session:
        rows = session.exec(
            select(DataRequirement).where(
                col(DataRequirement.due_on) >= DEC_FIRST, col(DataRequirement.due_on) <= DEC_LAST
            )
        ).all()
    open_ids = {r.id for r in rows if r.status not in ("done", "not-applicable")}
    settled = {r.id for r in rows} - open_ids
    assert open_ids and settled  # the demo has both kinds in December
    deadlines = [i for i in calendar.items(DEC_FIRST, DEC_LAST) if i.kind is ItemKind.DEADLINE]
    assert {i.source_id for i in deadlines} == open_ids
    assert all(i.all_day and i.start is None and i.marker == "⚑" for i in deadlines)
    assert all(i.title.startswith("Due: ") for i in deadlines)
    coach = [i for i in deadlines if i.provider_id is None]
    assert [(i.title, i.provider_name) for i in coach] == [
        ("Due: Reflective Consultation Survey", "")
    ]
    provider_level = [i for i in deadlines if i.provider_id is not None]
    assert all(i.title.endswith(f" — {i.provider_name}") for i in provider_level)


def _count_statements(store: Store) -> tuple[list[tuple[str, Any]], Any]:
    seen: list[tuple[str, Any]] = []

    def listener(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", listener)
    return seen, listener


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2026, 12, 9), date(2026, 12, 9)),
        (DEC_FIRST, DEC_LAST),
        (date(2026, 7, 1), date(2027, 6, 30)),
        (date(1990, 1, 1), date(2040, 12, 31)),
    ],
    ids=["one day", "one month", "program year", "forty years"],
)
def test_six_indexed_queries_whatever_the_range(store: Store, first: date, last: date) -> None:
    seen, listener = _count_statements(store)
    try:
        with store.reading() as session:
            items = calendar_rows.items_between(session, first, last, NAMES)
    finally:
        event.remove(store.engine, "before_cursor_execute", listener)
    assert items
    selects = [(s, p) for s, p in seen if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 6
    assert [s for s, _ in seen if not s.lstrip().upper().startswith("SELECT")] == ["BEGIN"]
    raw = store.engine.raw_connection()
    try:
        for statement, parameters in selects:
            plan = " ".join(
                row[3]
                for row in raw.cursor().execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
            )
            assert "USING INDEX ix_" in plan and "SCAN" not in plan, plan
    finally:
        raw.close()


def test_ensure_uids_fills_blanks_once(store: Store) -> None:
    tables = calendar_rows.UID_TABLES
    with store.transaction() as session:
        before = {t: dict(session.execute(select(t.id, t.uid)).all()) for t in tables}
        blanked = 0
        for table in tables:
            first_id = min(before[table])
            session.execute(update(table).where(col(table.id) == first_id).values(uid=""))
            blanked += 1
    with store.transaction() as session:
        assert calendar_rows.ensure_uids(session) == blanked == len(tables)
    with store.transaction() as session:
        assert calendar_rows.ensure_uids(session) == 0
        after = {t: dict(session.execute(select(t.id, t.uid)).all()) for t in tables}
    every_uid = [uid for table in tables for uid in after[table].values()]
    assert len(set(every_uid)) == len(every_uid)
    for table in tables:
        first_id = min(before[table])
        filled = after[table][first_id]
        assert filled != before[table][first_id]
        assert uuid.UUID(hex=filled).hex == filled
        assert uuid.UUID(hex=filled).version == 4
        assert uuid.UUID(hex=filled).variant == uuid.RFC_4122
        unchanged = {k: v for k, v in before[table].items() if k != first_id}
        assert {k: after[table][k] for k in unchanged} == unchanged


def test_a_second_export_keeps_the_uids(
    store: Store, calendar: CalendarService, tmp_path: Path
) -> None:
    with store.transaction() as session:
        for table in (CoachingSession, ReflectiveConsultation, DataRequirement):
            session.execute(update(table).values(uid=""))
    assert calendar.export_ics(tmp_path / "a.ics", DEC_FIRST, DEC_LAST) > 0
    first = {i.source_id: i.uid for i in calendar.items(DEC_FIRST, DEC_LAST)}
    assert all(first.values())
    calendar.export_ics(tmp_path / "b.ics", DEC_FIRST, DEC_LAST)
    assert {i.source_id: i.uid for i in calendar.items(DEC_FIRST, DEC_LAST)} == first


def test_past_unattended_consultation_reads_as_missed(store: Store) -> None:
    later = CalendarService(store, GUIDE, clock=lambda: date(2027, 1, 5))
    (rc,) = [i for i in later.items(DEC_FIRST, DEC_LAST) if i.kind is ItemKind.RC]
    assert rc.status_label == "Not attended" and rc.marker == "○" and rc.tentative


def test_reversed_range_is_a_user_error(calendar: CalendarService, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="before the start date"):
        calendar.items(DEC_LAST, DEC_FIRST)
    with pytest.raises(UserError):
        calendar.export_ics(tmp_path / "x.ics", DEC_LAST, DEC_FIRST)
    assert not (tmp_path / "x.ics").exists()


def test_items_carry_no_notes_at_all() -> None:
    """Privacy by construction: there is no field a note could travel in."""
    assert [f.name for f in fields(CalendarItem)] == [
        "kind", "uid", "day", "start", "minutes", "title", "provider_id", "provider_name",
        "status_label", "source_id", "all_day",
    ]  # fmt: skip


def test_every_status_has_a_shape() -> None:
    assert {status.marker for status in ItemStatus} >= {"○", "●", "✕"}
    odd = CalendarItem(ItemKind.VISIT, "u", TODAY, None, None, "x", None, "", "?", 1, True)
    assert odd.marker == "•" and not odd.tentative and odd.duration_minutes == 60
