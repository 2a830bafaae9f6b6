"""Action plans: a provider's goals, their steps, and each step's status history.

Reviewed and updated from the session form. Open steps carry into the next month by
themselves: they belong to the provider, not to a month or a session, and stay open until
they are done or their goal is closed. Every write publishes ``Change.SESSIONS`` because the
session form's side panel shows the open steps.
"""

from __future__ import annotations

from typing import TypeVar

from rooted_desktop.core.action_plans import StepInput, validate_goal, validate_step
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.core.records import PlanRecord, StepRecord
from rooted_desktop.core.vocab import StepStatus
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.services.clock import Clock
from rooted_desktop.store import action_plans as plan_rows
from rooted_desktop.store.models import ActionPlan, ActionStep
from rooted_desktop.store.store import Store

_Row = TypeVar("_Row")


class ActionPlanService:
    def __init__(self, store: Store, bus: ChangeBus, clock: Clock) -> None:
        self._store = store
        self._bus = bus
        self._clock = clock

    # -- reading ------------------------------------------------------------------------
    def plans(self, provider_id: int, *, include_closed: bool = True) -> list[PlanRecord]:
        """The provider's goals, open ones first (newest first), each with its steps."""
        with self._store.reading() as session:
            return plan_rows.plans_of(session, provider_id, include_closed=include_closed)

    def plan(self, plan_id: int) -> PlanRecord:
        with self._store.reading() as session:
            record = plan_rows.plan_record(session, plan_id)
        return _found(record, _gone_plan(plan_id))

    # -- goals --------------------------------------------------------------------------
    def add_plan(self, provider_id: int, goal: str) -> PlanRecord:
        goal = _checked_goal(goal)
        with self._store.transaction() as session:
            if not plan_rows.provider_exists(session, provider_id):
                raise UserError(f"Provider {provider_id} no longer exists.")
            row = plan_rows.insert_plan(session, provider_id, goal, created_on=self._clock())
            assert row.id is not None
            record = plan_rows.plan_record(session, row.id)
        self._bus.publish(Change.SESSIONS)
        assert record is not None
        return record

    def rename_plan(self, plan_id: int, goal: str) -> PlanRecord:
        goal = _checked_goal(goal)
        with self._store.transaction() as session:
            plan_rows.set_goal(session, _plan(plan_rows.get_plan(session, plan_id), plan_id), goal)
            record = plan_rows.plan_record(session, plan_id)
        self._bus.publish(Change.SESSIONS)
        assert record is not None
        return record

    def close_plan(self, plan_id: int) -> PlanRecord:
        """Close the goal today (closing a closed goal keeps its first closing date)."""
        with self._store.transaction() as session:
            row = _plan(plan_rows.get_plan(session, plan_id), plan_id)
            if row.closed_on is None:
                plan_rows.set_closed(session, row, self._clock())
            record = plan_rows.plan_record(session, plan_id)
        self._bus.publish(Change.SESSIONS)
        assert record is not None
        return record

    def reopen_plan(self, plan_id: int) -> PlanRecord:
        with self._store.transaction() as session:
            plan_rows.set_closed(
                session, _plan(plan_rows.get_plan(session, plan_id), plan_id), None
            )
            record = plan_rows.plan_record(session, plan_id)
        self._bus.publish(Change.SESSIONS)
        assert record is not None
        return record

    # -- steps --------------------------------------------------------------------------
    def add_step(self, plan_id: int, data: StepInput) -> StepRecord:
        """A new last step, "not started", with that first status in its history."""
        clean = _checked_step(data)
        with self._store.transaction() as session:
            _check_open(_plan(plan_rows.get_plan(session, plan_id), plan_id))
            row = plan_rows.insert_step(session, plan_id, clean, changed_on=self._clock())
            assert row.id is not None
            record = plan_rows.step_record(session, row.id)
        self._bus.publish(Change.SESSIONS)
        assert record is not None
        return record

    def update_step(self, step_id: int, data: StepInput) -> StepRecord:
        clean = _checked_step(data)
        with self._store.transaction() as session:
            row = _editable(plan_rows.step_with_plan(session, step_id), step_id)
            plan_rows.update_step(session, row, clean)
            record = plan_rows.step_record(session, step_id)
        self._bus.publish(Change.SESSIONS)
        assert record is not None
        return record

    def set_status(
        self, step_id: int, status: StepStatus, *, session_id: int | None = None
    ) -> StepRecord:
        """Record a status change dated today, with the session it was made in if any.

        Done sets the done date to today; leaving done clears it. Setting the status a step
        already has writes nothing.
        """
        status = StepStatus(status)
        with self._store.transaction() as session:
            row = _editable(plan_rows.step_with_plan(session, step_id), step_id)
            if session_id is not None and not plan_rows.session_exists(session, session_id):
                raise UserError(f"Session {session_id} no longer exists.")
            changed = row.status != status.value
            if changed:
                plan_rows.set_step_status(
                    session, row, status, changed_on=self._clock(), session_id=session_id
                )
            record = plan_rows.step_record(session, step_id)
        if changed:
            self._bus.publish(Change.SESSIONS)
        assert record is not None
        return record

    def move_step(self, step_id: int, offset: int) -> None:
        """Move a step ``offset`` places (negative: up); it stops at the first or last place."""
        with self._store.transaction() as session:
            plan_rows.move_step(
                session, _editable(plan_rows.step_with_plan(session, step_id), step_id), offset
            )
        self._bus.publish(Change.SESSIONS)

    def delete_step(self, step_id: int) -> None:
        with self._store.transaction() as session:
            plan_rows.delete_step(
                session, _editable(plan_rows.step_with_plan(session, step_id), step_id)
            )
        self._bus.publish(Change.SESSIONS)


def _found(row: _Row | None, message: str) -> _Row:
    if row is None:
        raise UserError(message)
    return row


def _plan(row: ActionPlan | None, plan_id: int) -> ActionPlan:
    return _found(row, _gone_plan(plan_id))


def _editable(found: tuple[ActionStep, ActionPlan] | None, step_id: int) -> ActionStep:
    """The step, if it still exists and its goal is open."""
    step, plan = _found(found, _gone_step(step_id))
    _check_open(plan)
    return step


def _check_open(plan: ActionPlan) -> None:
    if plan.closed_on is not None:
        raise UserError(f"The goal '{_short(plan.goal)}' is closed; reopen it to change its steps.")


def _gone_plan(plan_id: int) -> str:
    return f"Goal {plan_id} no longer exists."


def _gone_step(step_id: int) -> str:
    return f"Step {step_id} no longer exists."


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _problem(what: str, problems: list[FieldProblem]) -> UserError:
    return UserError(
        f"The {what} cannot be saved: " + "; ".join(str(p) for p in problems),
        details=tuple(f"{p.field}: {p.message}" for p in problems),
    )


def _checked_goal(goal: str) -> str:
    clean = goal.strip()
    problems = validate_goal(clean)
    if problems:
        raise _problem("goal", problems)
    return clean


def _checked_step(data: StepInput) -> StepInput:
    clean = data.cleaned()
    problems = validate_step(clean)
    if problems:
        raise _problem("step", problems)
    return clean
