"""Action plans through the real service on a real store."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from rooted_desktop.core.action_plans import StepInput, validate_goal, validate_step
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus, StepStatus
from rooted_desktop.services.action_plans import ActionPlanService
from rooted_desktop.services.changes import Change
from rooted_desktop.store.models import ActionStepStatus

TODAY = date(2026, 12, 4)  # the services fixture's today
NS, IP, DONE = StepStatus.NOT_STARTED, StepStatus.IN_PROGRESS, StepStatus.DONE


class Clock:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock(TODAY)


@pytest.fixture
def plans(services: Any, clock: Clock) -> ActionPlanService:
    return ActionPlanService(services.store, services.bus, clock)


@pytest.fixture
def pid(services: Any) -> int:
    data = ProviderInput(name="Nguyễn Thị Ánh", setting="center", age_group="preschool")
    return int(services.providers.add(data).id)


def visit(services: Any, pid: int, day: date) -> int:
    data = SessionInput(provider_id=pid, day=day, start_time=time(9, 30), minutes=45,
                        mode=Mode.IN_PERSON, status=SessionStatus.COMPLETED)  # fmt: skip
    return int(services.sessions.create(data).id)


def history_rows(services: Any, step_id: int) -> list[tuple[date, str, int | None]]:
    with services.store.reading() as session:
        rows = session.exec(
            select(ActionStepStatus)
            .where(col(ActionStepStatus.step_id) == step_id)
            .order_by(col(ActionStepStatus.id))
        )
        return [(r.changed_on, r.status, r.session_id) for r in rows]


def test_add_plan_and_steps(plans: ActionPlanService, pid: int, services: Any) -> None:
    published: list[frozenset[Change]] = []
    services.bus.subscribe(published.append)
    plan = plans.add_plan(pid, "  Use a visual schedule every day  ")
    assert (plan.goal, plan.created_on, plan.closed_on, plan.steps) == (
        "Use a visual schedule every day", TODAY, None, ())  # fmt: skip
    assert plan.is_open
    first = plans.add_step(
        plan.id,
        StepInput(" Make the schedule ", resources="Photos, Velcro", who=" Ánh  and coach ",
                  done_looks_like="Posted at children's eye level",
                  target_date=date(2026, 12, 18)),
    )  # fmt: skip
    second = plans.add_step(plan.id, StepInput("Review it at circle time"))
    assert (first.step, first.who, first.position, second.position) == (
        "Make the schedule", "Ánh and coach", 0, 1)  # fmt: skip
    assert first.status is NS and first.done_date is None
    assert first.history == ((TODAY, NS),)
    (again,) = plans.plans(pid)
    assert [s.step for s in again.steps] == ["Make the schedule", "Review it at circle time"]
    assert again.steps[0] == first
    assert published and all(p == {Change.SESSIONS} for p in published)

    edited = plans.update_step(first.id, StepInput("Make the schedule", target_date=None))
    assert (edited.resources, edited.target_date, edited.history) == ("", None, first.history)
    assert plans.rename_plan(plan.id, "Visual schedules").goal == "Visual schedules"


def test_status_history_done_date_and_session(
    plans: ActionPlanService, pid: int, services: Any, clock: Clock
) -> None:
    plan = plans.add_plan(pid, "Teach expectations")
    step = plans.add_step(plan.id, StepInput("Post three expectations"))
    visit_id = visit(services, pid, date(2026, 12, 4))

    clock.day = date(2026, 12, 4)
    plans.set_status(step.id, IP, session_id=visit_id)
    clock.day = date(2026, 12, 10)
    done = plans.set_status(step.id, DONE)
    assert (done.status, done.done_date) == (DONE, date(2026, 12, 10))
    same = plans.set_status(step.id, DONE)  # nothing changes, nothing is written
    assert same == done
    clock.day = date(2026, 12, 15)
    back = plans.set_status(step.id, IP)
    assert (back.status, back.done_date) == (IP, None)
    assert back.history == (
        (TODAY, NS), (date(2026, 12, 4), IP), (date(2026, 12, 10), DONE), (date(2026, 12, 15), IP),
    )  # fmt: skip
    assert history_rows(services, step.id) == [
        (TODAY, "not-started", None),
        (date(2026, 12, 4), "in-progress", visit_id),
        (date(2026, 12, 10), "done", None),
        (date(2026, 12, 15), "in-progress", None),
    ]
    # A deleted session leaves the history in place, without the link.
    services.sessions.delete([visit_id])
    assert history_rows(services, step.id)[1] == (date(2026, 12, 4), "in-progress", None)
    with pytest.raises(UserError, match="Session 999 no longer exists"):
        plans.set_status(step.id, DONE, session_id=999)


def test_open_steps_carry_over_months(
    plans: ActionPlanService, pid: int, services: Any, clock: Clock
) -> None:
    clock.day = date(2026, 10, 6)
    plan = plans.add_plan(pid, "Calm-down area")
    ongoing = plans.add_step(plan.id, StepInput("Set up the calm-down corner"))
    finished = plans.add_step(plan.id, StepInput("Teach the feelings chart"))
    waiting = plans.add_step(plan.id, StepInput("Share with families"))
    plans.set_status(ongoing.id, IP, session_id=visit(services, pid, date(2026, 10, 6)))
    clock.day = date(2026, 11, 3)
    plans.set_status(finished.id, DONE)
    clock.day = TODAY  # December: nothing was copied, the open steps are simply still open
    open_now = services.sessions.open_steps(pid)
    assert [(s.step_id, s.status) for s in open_now] == [(ongoing.id, IP), (waiting.id, NS)]
    assert all(s.goal == "Calm-down area" for s in open_now)
    (record,) = plans.plans(pid)
    assert record.steps[1].done_date == date(2026, 11, 3)


def test_order_moves_and_delete(plans: ActionPlanService, pid: int, services: Any) -> None:
    plan = plans.add_plan(pid, "Goal")
    a, b, c = (plans.add_step(plan.id, StepInput(t)).id for t in "ABC")

    def order() -> list[str]:
        (record,) = plans.plans(pid)
        assert [s.position for s in record.steps] == list(range(len(record.steps)))
        return [s.step for s in record.steps]

    plans.move_step(c, -1)
    assert order() == ["A", "C", "B"]
    plans.move_step(a, -5)  # already first: stays
    assert order() == ["A", "C", "B"]
    plans.move_step(a, 10)
    assert order() == ["C", "B", "A"]
    plans.move_step(b, -1)
    assert order() == ["B", "C", "A"]
    plans.set_status(c, IP)
    plans.delete_step(c)
    assert order() == ["B", "A"]
    assert history_rows(services, c) == []  # the history goes with the step
    assert plans.add_step(plan.id, StepInput("D")).position == 2


def test_close_and_reopen(plans: ActionPlanService, pid: int, services: Any, clock: Clock) -> None:
    clock.day = date(2026, 9, 1)
    old = plans.add_plan(pid, "Old goal")
    step = plans.add_step(old.id, StepInput("Unfinished"))
    clock.day = date(2026, 11, 2)
    new = plans.add_plan(pid, "New goal")
    closed = plans.close_plan(old.id)
    assert (closed.closed_on, closed.is_open) == (date(2026, 11, 2), False)
    clock.day = TODAY
    assert plans.close_plan(old.id).closed_on == date(2026, 11, 2)  # keeps its first date
    assert [p.id for p in plans.plans(pid)] == [new.id, old.id]  # open goals first
    assert [p.id for p in plans.plans(pid, include_closed=False)] == [new.id]
    assert services.sessions.open_steps(pid) == []  # a closed goal's steps are not open
    with pytest.raises(UserError, match="'Old goal' is closed; reopen it"):
        plans.add_step(old.id, StepInput("More"))
    with pytest.raises(UserError, match="is closed"):
        plans.set_status(step.id, DONE)
    assert plans.rename_plan(old.id, "Older goal").goal == "Older goal"  # still allowed
    assert plans.reopen_plan(old.id).is_open
    assert [s.step_id for s in services.sessions.open_steps(pid)] == [step.id]
    assert [p.id for p in plans.plans(pid)] == [new.id, old.id]  # newest first


def test_validation_names_the_field(plans: ActionPlanService, pid: int) -> None:
    with pytest.raises(UserError) as caught:
        plans.add_plan(pid, "   ")
    assert caught.value.details == ("goal: the goal is missing",)
    plan = plans.add_plan(pid, "Goal")
    with pytest.raises(UserError) as caught:
        plans.add_step(plan.id, StepInput("  ", resources="x" * 2001))
    assert caught.value.message.startswith("The step cannot be saved: the step is missing")
    assert caught.value.details == (
        "step: the step is missing",
        "resources: resources / materials is longer than 2000 characters",
    )
    assert validate_goal("g" * 2001)[0].message == "the goal is longer than 2000 characters"
    assert validate_step(StepInput("ok", who="w" * 2000)) == []
    assert plans.plans(pid)[0].steps == ()


def test_unknown_ids(plans: ActionPlanService, pid: int) -> None:
    with pytest.raises(UserError, match="Provider 999 no longer exists"):
        plans.add_plan(999, "Goal")
    assert plans.plans(999) == []
    for call in (
        lambda: plans.plan(999),
        lambda: plans.rename_plan(999, "Goal"),
        lambda: plans.close_plan(999),
        lambda: plans.reopen_plan(999),
        lambda: plans.add_step(999, StepInput("Step")),
    ):
        with pytest.raises(UserError, match="Goal 999 no longer exists"):
            call()
    for call in (
        lambda: plans.update_step(999, StepInput("Step")),
        lambda: plans.set_status(999, DONE),
        lambda: plans.move_step(999, 1),
        lambda: plans.delete_step(999),
    ):
        with pytest.raises(UserError, match="Step 999 no longer exists"):
            call()


def test_plans_load_in_three_queries(plans: ActionPlanService, pid: int, services: Any) -> None:
    for g in range(4):
        plan = plans.add_plan(pid, f"Goal {g}")
        for s in range(6):
            step = plans.add_step(plan.id, StepInput(f"Step {s}"))
            plans.set_status(step.id, IP)
    selects: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(services.store.engine, "before_cursor_execute", count)
    try:
        loaded = plans.plans(pid)
    finally:
        event.remove(services.store.engine, "before_cursor_execute", count)
    assert len(selects) == 3
    assert sum(len(p.steps) for p in loaded) == 24
    assert all(s.history == ((TODAY, NS), (TODAY, IP)) for p in loaded for s in p.steps)
