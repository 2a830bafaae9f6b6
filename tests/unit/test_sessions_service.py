"""Sessions through the real services on a real store."""

from __future__ import annotations

import sys
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.dosage import DosageStatus, Pace
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus, StepStatus
from rooted_desktop.services.changes import Change
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.store.models import ActionPlan, ActionStep

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from long_notes import long_session

DEC = Month(2026, 12)


def provider(services: Any, name: str = "Nguyễn Thị Ánh", **kw: str) -> int:
    fields = {"setting": "center", "age_group": "preschool", **kw}
    return int(services.providers.add(ProviderInput(name=name, **fields)).id)


def visit(pid: int, day: date, minutes: int = 45, status: SessionStatus = SessionStatus.COMPLETED,
          **kw: Any) -> SessionInput:  # fmt: skip
    return SessionInput(provider_id=pid, day=day, start_time=time(9, 30), minutes=minutes,
                        mode=Mode.IN_PERSON, status=status, **kw)  # fmt: skip


def test_create_get_update_delete(services: Any) -> None:
    pid = provider(services)
    sections = services.agenda.current().sections
    record = services.sessions.create(long_session(pid, date(2026, 12, 3), sections))
    again = services.sessions.get(record.id)
    assert again.provider_name == "Nguyễn Thị Ánh"
    assert [n.key for n in again.sections] == [s.key for s in sections]
    assert again.joint_plan.startswith("Ánh will")
    assert "check-in" in {n.key for n in again.sections if n.text}
    assert again.strategies == ("obs-observing", "obs-modelling",
                                "meet-reflective-conversation", "fu-email")  # fmt: skip
    changed = services.sessions.update(record.id, visit(pid, date(2026, 12, 3), 30, joint_plan="x"))
    assert (changed.minutes, changed.joint_plan, changed.sections) == (30, "x", ())
    services.sessions.delete([record.id])
    with pytest.raises(UserError, match="no longer exists"):
        services.sessions.get(record.id)


def test_bound_sections_write_their_fields(services: Any) -> None:
    pid = provider(services)
    sections = services.agenda.current().sections
    data = long_session(pid, date(2026, 12, 3), sections)
    record = services.sessions.create(data)
    bound = {n.field: n.text for n in record.sections if n.field}
    assert bound["focus"] == record.focus and bound["joint_plan"] == record.joint_plan


def test_invalid_sessions_are_refused_naming_the_field(services: Any) -> None:
    pid = provider(services)
    for minutes in (0, 481):
        with pytest.raises(UserError) as caught:
            services.sessions.create(visit(pid, date(2026, 12, 3), minutes))
        assert any(
            d.startswith("minutes: minutes must be between 1 and 480") for d in caught.value.details
        )
    with pytest.raises(UserError, match="before the session date"):
        services.sessions.create(visit(pid, date(2026, 12, 3), cms_entered_on=date(2026, 12, 1)))
    with pytest.raises(UserError, match="choose the provider"):
        services.sessions.create(visit(None, date(2026, 12, 3)))  # type: ignore[arg-type]
    assert services.sessions.find(SessionQuery()) == []


def test_filters(services: Any) -> None:
    ana, bo = provider(services), provider(services, "Łukasz Kowalczyk", setting="fcch")
    services.sessions.create(visit(ana, date(2026, 11, 20), focus="Transitions"))
    services.sessions.create(visit(ana, date(2026, 12, 2), focus="Friendship skills",
                                   cms_entered_on=date(2026, 12, 3)))  # fmt: skip
    services.sessions.create(visit(bo, date(2026, 12, 3), coach_notes="needs referral"))
    services.sessions.create(visit(bo, date(2026, 12, 15), status=SessionStatus.PLANNED))
    find = services.sessions.find
    assert len(find(SessionQuery(first_day=DEC.first_day, last_day=DEC.last_day))) == 3
    assert {s.provider_name for s in find(SessionQuery(provider_id=bo))} == {"Łukasz Kowalczyk"}
    assert [s.day for s in find(SessionQuery(status=SessionStatus.PLANNED))] == [date(2026, 12, 15)]
    waiting = find(SessionQuery(not_in_cms=True))
    assert [s.day for s in waiting] == [date(2026, 12, 3), date(2026, 11, 20)]  # newest first
    assert [s.day for s in find(SessionQuery(text="friendship"))] == [date(2026, 12, 2)]
    assert [s.day for s in find(SessionQuery(text="REFERRAL"))] == [date(2026, 12, 3)]
    assert len(find(SessionQuery(text="łukasz"))) == 2


def test_month_dosage_sums_in_sql(services: Any) -> None:
    pid = provider(services)
    services.sessions.create(visit(pid, date(2026, 12, 1), 45))
    services.sessions.create(visit(pid, date(2026, 12, 2), 30, status=SessionStatus.CANCELLED))
    services.sessions.create(visit(pid, date(2026, 12, 10), 45, status=SessionStatus.PLANNED))
    services.sessions.create(visit(pid, date(2026, 11, 30), 90))
    dosage = services.sessions.month_dosage(pid, DEC)
    assert (dosage.done_minutes, dosage.scheduled_minutes, dosage.upcoming_minutes) == (45, 45, 45)
    assert dosage.status is DosageStatus.PARTLY and dosage.pace is Pace.COVERED
    assert services.sessions.month_dosage(pid, Month(2026, 11)).status is DosageStatus.MET


def test_last_joint_plan_and_open_steps(services: Any) -> None:
    pid = provider(services)
    services.sessions.create(visit(pid, date(2026, 10, 5), joint_plan="Older plan"))
    latest = services.sessions.create(visit(pid, date(2026, 11, 5), joint_plan="Newer plan"))
    services.sessions.create(visit(pid, date(2026, 11, 20), status=SessionStatus.PLANNED,
                                   joint_plan="not a plan yet"))  # fmt: skip
    assert services.sessions.last_joint_plan(pid, date(2026, 12, 3)) == (
        date(2026, 11, 5),
        "Newer plan",
    )
    assert services.sessions.last_joint_plan(pid, date(2026, 12, 3), exclude_id=latest.id) == (
        date(2026, 10, 5), "Older plan")  # fmt: skip
    with services.store.transaction() as session:
        plan = ActionPlan(provider_id=pid, goal="Smoother transitions", created_on=date(2026, 9, 1))
        session.add(plan)
        session.flush()
        session.add(ActionStep(plan_id=plan.id, step="Make a first-then card", status="done"))
        session.add(ActionStep(plan_id=plan.id, step="Use it at clean-up", status="in-progress",
                               target_date=date(2027, 1, 15)))  # fmt: skip
    (step,) = services.sessions.open_steps(pid)
    assert (step.goal, step.step, step.status) == ("Smoother transitions", "Use it at clean-up",
                                                   StepStatus.IN_PROGRESS)  # fmt: skip


def test_duplicate_mark_cms_and_feedback(services: Any) -> None:
    pid = provider(services)
    seen: list[frozenset[Change]] = []
    services.bus.subscribe(seen.append)
    first = services.sessions.create(visit(pid, date(2026, 11, 5), 60, focus="Transitions",
                                           coach_notes="private"))  # fmt: skip
    second = services.sessions.create(visit(pid, date(2026, 12, 3)))
    copy = services.sessions.duplicate_as_planned(first.id, date(2026, 12, 17))
    assert (copy.status, copy.day, copy.minutes, copy.focus, copy.coach_notes) == (
        SessionStatus.PLANNED, date(2026, 12, 17), 60, "Transitions", "")  # fmt: skip
    assert services.sessions.mark_cms_entered([first.id, second.id], date(2026, 12, 1)) == 2
    assert services.sessions.get(first.id).cms_entered_on == date(2026, 12, 1)
    # never before the session itself
    assert services.sessions.get(second.id).cms_entered_on == date(2026, 12, 3)
    services.sessions.mark_cms_entered([first.id], None)
    assert services.sessions.get(first.id).cms_entered_on is None
    services.sessions.mark_feedback_sent(second.id)
    assert services.sessions.get(second.id).feedback_sent_on is not None
    assert all(Change.SESSIONS in c for c in seen)


def test_drafts_round_trip(services: Any) -> None:
    services.drafts.save("session:new:1", "Session — Ana", {"form": {"text": "Łódź ✓"}})
    services.drafts.save("session:new:1", "Session — Ana", {"form": {"text": "Łódź ✓✓"}})
    (draft,) = services.drafts.all()
    assert draft.payload == {"form": {"text": "Łódź ✓✓"}}
    services.drafts.discard("session:new:1")
    assert services.drafts.all() == []


def test_search_treats_wildcards_as_text(services: Any) -> None:
    pid = provider(services)
    services.sessions.create(visit(pid, date(2026, 12, 1), focus="100% on time"))
    services.sessions.create(visit(pid, date(2026, 12, 2), focus="100 on time"))
    assert [s.focus for s in services.sessions.find(SessionQuery(text="100%"))] == ["100% on time"]
    assert services.sessions.find(SessionQuery(text="a_b")) == []
    assert len(services.sessions.find(SessionQuery(text="NGUYEN"))) == 2  # accents folded


def test_only_completed_sessions_are_marked_entered_in_cms(services: Any) -> None:
    pid = provider(services)
    done = services.sessions.create(visit(pid, date(2026, 12, 1)))
    planned = services.sessions.create(visit(pid, date(2026, 12, 18), status=SessionStatus.PLANNED))
    cancelled = services.sessions.create(
        visit(pid, date(2026, 12, 2), status=SessionStatus.CANCELLED)
    )
    ids = [done.id, planned.id, cancelled.id]
    assert services.sessions.mark_cms_entered(ids, date(2026, 12, 4)) == 1
    assert [services.sessions.get(i).cms_entered_on for i in ids] == [date(2026, 12, 4), None, None]
