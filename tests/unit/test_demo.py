"""The demo store generator: a realistic caseload, deterministic, and only into an empty store."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import SQLModel, select

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.errors import UserError
from rooted_desktop.services.demo import DemoSummary, build_demo_store
from rooted_desktop.store import models as m
from rooted_desktop.store.bulk import row_count
from rooted_desktop.store.store import Store

TODAY = date(2026, 12, 4)

TABLES: dict[str, type[SQLModel]] = {
    "program_years": m.ProgramYearRow,
    "providers": m.Provider,
    "enrollments": m.Enrollment,
    "sessions": m.CoachingSession,
    "action_plans": m.ActionPlan,
    "action_steps": m.ActionStep,
    "step_statuses": m.ActionStepStatus,
    "pcms": m.CollaborationMeeting,
    "pcm_attendees": m.MeetingAttendee,
    "rc_sessions": m.ReflectiveConsultation,
    "trainings": m.Training,
    "training_attendees": m.TrainingAttendee,
    "observations": m.Observation,
    "data_requirements": m.DataRequirement,
    "checklist_items": m.MonthChecklistItem,
}


def _build(path: Path, **kwargs: Any) -> tuple[Store, DemoSummary]:
    store = Store(path)
    return store, build_demo_store(store, **{"providers": 12, "years": 2, "today": TODAY, **kwargs})


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    store, summary = _build(tmp_path_factory.mktemp("demo") / "rooted.sqlite")
    yield store, summary
    store.close()


def _all(store: Store, model: Any) -> list[Any]:
    with store.reading() as session:
        return list(session.exec(select(model)).all())


def test_every_table_gets_rows_and_the_summary_counts_them(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    assert {f.name for f in fields(summary)} == set(TABLES)
    with store.reading() as session:
        for name, model in TABLES.items():
            count = row_count(session, model)
            assert count > 0, name
            assert getattr(summary, name) == count, name
        assert row_count(session, m.CoachProfile) == 1
    assert summary.providers == 12 and summary.program_years == 2


def test_providers_are_diverse_unicode_and_distinct(demo: tuple[Store, DemoSummary]) -> None:
    providers = _all(demo[0], m.Provider)
    names = [p.name for p in providers]
    assert len(set(names)) == len(names)
    assert {"Nguyễn Thị Ánh", "Łukasz Kowalczyk", "Zoë Martínez"} <= set(names)
    assert sum(not name.isascii() for name in names) >= 6
    assert {(p.setting, p.age_group) for p in providers} == {
        (s, a) for s in ("center", "fcch") for a in ("infant-toddler", "preschool")
    }
    assert all(p.email.endswith((".example.org", "@example.net")) for p in providers)
    assert all("555-01" in p.phone for p in providers)
    inactive = [p for p in providers if not p.active]
    assert 1 <= len(inactive) <= 2
    assert any(p.notes for p in providers if p.active)


def test_most_months_meet_the_dosage_and_some_fall_short(demo: tuple[Store, DemoSummary]) -> None:
    minutes: dict[tuple[int, str], int] = defaultdict(int)
    for s in _all(demo[0], m.CoachingSession):
        if s.status == "completed" and s.date < Month.of(TODAY).first_day:
            minutes[(s.provider_id, Month.of(s.date).key)] += s.minutes
    met = sum(total >= 90 for total in minutes.values())
    assert len(minutes) > 150
    assert met / len(minutes) > 0.65
    assert len(minutes) - met >= 10


def test_sessions_are_consistent_with_today(demo: tuple[Store, DemoSummary]) -> None:
    sessions = _all(demo[0], m.CoachingSession)
    completed = [s for s in sessions if s.status == "completed"]
    assert all(s.date < TODAY for s in completed)
    this_month = [s for s in sessions if Month.of(s.date).contains(TODAY)]
    planned = [s for s in this_month if s.status == "planned"]
    assert planned and all(s.date >= TODAY for s in planned)
    assert any(s.status == "completed" for s in this_month)
    assert any(s.status == "cancelled" for s in sessions)
    assert {s.mode for s in sessions} == {"in-person", "virtual", "phone"}
    assert len({s.uid for s in sessions}) == len(sessions)
    # A realistic CMS backlog: nearly all entered, the last weeks' visits partly not yet.
    backlog = [s for s in completed if s.cms_entered_on is None]
    assert 0 < len(backlog) < len(completed) * 0.15
    assert sum(TODAY - s.date <= timedelta(days=42) for s in backlog) > len(backlog) / 2
    for s in completed:
        assert s.cms_entered_on is None or s.date < s.cms_entered_on < TODAY
        assert s.created_at is not None and s.created_at.tzinfo is not None
        assert s.updated_at is not None and s.updated_at >= s.created_at
        keys = [section["key"] for section in json.loads(s.sections_json)]
        assert keys[0] == "check-in" and keys[-1] == "next-visit"
        assert json.loads(s.strategies_json)
    assert any(s.feedback_sent_on is not None for s in completed)


def test_requirements_observations_and_meetings(demo: tuple[Store, DemoSummary]) -> None:
    store = demo[0]
    providers = {p.id: p for p in _all(store, m.Provider)}
    requirements = _all(store, m.DataRequirement)
    assert any(r.provider_id is None and r.kind == "rc_survey" for r in requirements)
    this_year = [r for r in requirements if r.due_on == date(2026, 9, 30)]
    overdue = [r for r in this_year if r.status != "done" and r.status != "not-applicable"]
    assert 1 <= len(overdue) <= 2
    last_year = [r for r in requirements if r.due_on.year == 2025]
    assert all(r.status in ("done", "not-applicable") for r in last_year)
    assert any(r.status == "in-progress" and r.due_on == date(2026, 12, 31) for r in requirements)
    for r in requirements:
        if r.asq_distributed is not None:
            assert r.asq_distributed >= r.asq_returned >= r.asq_scored >= r.asq_entered >= 0
        if r.status == "done":
            assert r.completed_on is not None and r.completed_on < TODAY
    for o in _all(store, m.Observation):
        expected = "TPOT" if providers[o.provider_id].age_group == "preschool" else "TPITOS"
        assert o.tool == expected
        assert o.debrief_on is None or (o.debrief_on.month in (11, 12) and o.debrief_on < TODAY)
    pcms = _all(store, m.CollaborationMeeting)
    assert all(p.held == (p.date < TODAY) for p in pcms)
    assert any(not p.held for p in pcms)
    rc = _all(store, m.ReflectiveConsultation)
    assert any(not r.attended and r.date < TODAY for r in rc)
    assert {t.kind for t in _all(store, m.Training)} == {"3A", "3B", "PPP"}


def test_same_seed_same_store_and_a_full_store_is_refused(
    demo: tuple[Store, DemoSummary], tmp_path: Path
) -> None:
    store, summary = demo
    again, again_summary = _build(tmp_path / "again.sqlite")
    other, _ = _build(tmp_path / "other.sqlite", seed=7)
    try:
        assert again_summary == summary
        names = [p.name for p in _all(store, m.Provider)]
        assert [p.name for p in _all(again, m.Provider)] == names
        uids = [s.uid for s in _all(store, m.CoachingSession)]
        assert [s.uid for s in _all(again, m.CoachingSession)] == uids
        assert [s.uid for s in _all(other, m.CoachingSession)] != uids
        with pytest.raises(UserError, match="already has data"):
            build_demo_store(again, providers=3, years=1, today=TODAY)
    finally:
        again.close()
        other.close()


@pytest.mark.slow
def test_a_stress_store_of_200_providers_over_10_years(tmp_path: Path) -> None:
    store, summary = _build(tmp_path / "stress.sqlite", providers=200, years=10)
    try:
        with store.reading() as session:
            for name, model in TABLES.items():
                assert getattr(summary, name) == row_count(session, model), name
        assert summary.providers == 200 and summary.program_years == 10
        assert summary.sessions > 20_000
        assert summary.total_rows > 60_000
    finally:
        store.close()
