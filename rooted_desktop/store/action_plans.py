"""Action plans, their steps and each step's status history."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from rooted_desktop.core.action_plans import StepInput
from rooted_desktop.core.records import OpenStep, PlanRecord, StepRecord
from rooted_desktop.core.vocab import StepStatus
from rooted_desktop.store.models import (
    ActionPlan,
    ActionStep,
    ActionStepStatus,
    CoachingSession,
    Provider,
)


def open_steps(session: Session, provider_id: int) -> list[OpenStep]:
    """Steps not done on the provider's open plans, soonest target first."""
    rows = session.exec(
        select(ActionStep, ActionPlan.goal)
        .join(ActionPlan, col(ActionPlan.id) == col(ActionStep.plan_id))
        .where(
            col(ActionPlan.provider_id) == provider_id,
            col(ActionPlan.closed_on).is_(None),
            col(ActionStep.status) != StepStatus.DONE.value,
        )
        .order_by(
            col(ActionStep.target_date).is_(None),
            col(ActionStep.target_date),
            col(ActionStep.plan_id),
            col(ActionStep.position),
        )
    )
    result = []
    for step, goal in rows:
        assert step.id is not None
        result.append(
            OpenStep(
                step_id=step.id,
                plan_id=step.plan_id,
                goal=goal,
                step=step.step,
                who=step.who,
                target_date=step.target_date,
                status=StepStatus(step.status),
            )
        )
    return result


# -- reading whole plans ------------------------------------------------------------------
def plans_of(
    session: Session, provider_id: int, *, include_closed: bool = True
) -> list[PlanRecord]:
    """The provider's plans, open ones first then newest first, with steps and history."""
    query = select(ActionPlan).where(col(ActionPlan.provider_id) == provider_id)
    if not include_closed:
        query = query.where(col(ActionPlan.closed_on).is_(None))
    query = query.order_by(
        col(ActionPlan.closed_on).is_not(None),
        col(ActionPlan.closed_on).desc(),
        col(ActionPlan.created_on).desc(),
        col(ActionPlan.id).desc(),
    )
    return _with_steps(session, list(session.exec(query)))


def plan_record(session: Session, plan_id: int) -> PlanRecord | None:
    row = session.get(ActionPlan, plan_id)
    return None if row is None else _with_steps(session, [row])[0]


def step_record(session: Session, step_id: int) -> StepRecord | None:
    row = session.get(ActionStep, step_id)
    if row is None:
        return None
    plan = plan_record(session, row.plan_id)
    assert plan is not None
    return next(step for step in plan.steps if step.id == step_id)


def _with_steps(session: Session, plans: list[ActionPlan]) -> list[PlanRecord]:
    """Three queries in all (plans, steps, history), however many steps there are."""
    plan_ids = [plan.id for plan in plans]
    steps = list(
        session.exec(
            select(ActionStep)
            .where(col(ActionStep.plan_id).in_(plan_ids))
            .order_by(col(ActionStep.plan_id), col(ActionStep.position), col(ActionStep.id))
        )
    )
    history: dict[int, list[tuple[date, StepStatus]]] = defaultdict(list)
    changes = session.exec(
        select(
            col(ActionStepStatus.step_id),
            col(ActionStepStatus.changed_on),
            col(ActionStepStatus.status),
        )
        .join(ActionStep, col(ActionStep.id) == col(ActionStepStatus.step_id))
        .where(col(ActionStep.plan_id).in_(plan_ids))
        .order_by(col(ActionStepStatus.changed_on), col(ActionStepStatus.id))
    )
    for step_id, changed_on, status in changes:
        history[step_id].append((changed_on, StepStatus(status)))
    by_plan: dict[int, list[StepRecord]] = defaultdict(list)
    for row in steps:
        assert row.id is not None
        by_plan[row.plan_id].append(
            StepRecord(
                id=row.id,
                plan_id=row.plan_id,
                position=row.position,
                step=row.step,
                resources=row.resources,
                who=row.who,
                done_looks_like=row.done_looks_like,
                target_date=row.target_date,
                status=StepStatus(row.status),
                done_date=row.done_date,
                history=tuple(history[row.id]),
            )
        )
    records = []
    for plan in plans:
        assert plan.id is not None
        records.append(
            PlanRecord(
                id=plan.id,
                provider_id=plan.provider_id,
                goal=plan.goal,
                created_on=plan.created_on,
                closed_on=plan.closed_on,
                steps=tuple(by_plan[plan.id]),
            )
        )
    return records


# -- writing ------------------------------------------------------------------------------
def get_plan(session: Session, plan_id: int) -> ActionPlan | None:
    return session.get(ActionPlan, plan_id)


def step_with_plan(session: Session, step_id: int) -> tuple[ActionStep, ActionPlan] | None:
    step = session.get(ActionStep, step_id)
    if step is None:
        return None
    plan = session.get(ActionPlan, step.plan_id)
    assert plan is not None
    return step, plan


def provider_exists(session: Session, provider_id: int) -> bool:
    return session.get(Provider, provider_id) is not None


def session_exists(session: Session, session_id: int) -> bool:
    return session.get(CoachingSession, session_id) is not None


def insert_plan(session: Session, provider_id: int, goal: str, *, created_on: date) -> ActionPlan:
    row = ActionPlan(provider_id=provider_id, goal=goal, created_on=created_on)
    session.add(row)
    session.flush()
    return row


def set_goal(session: Session, row: ActionPlan, goal: str) -> None:
    row.goal = goal
    session.add(row)


def set_closed(session: Session, row: ActionPlan, closed_on: date | None) -> None:
    row.closed_on = closed_on
    session.add(row)


def insert_step(
    session: Session,
    plan_id: int,
    data: StepInput,
    *,
    changed_on: date,
    session_id: int | None = None,
) -> ActionStep:
    """A new last step, not started, with its first history row."""
    last = session.exec(
        select(func.max(ActionStep.position)).where(col(ActionStep.plan_id) == plan_id)
    ).one()
    row = ActionStep(
        plan_id=plan_id,
        position=0 if last is None else last + 1,
        step=data.step,
        resources=data.resources,
        who=data.who,
        done_looks_like=data.done_looks_like,
        target_date=data.target_date,
        status=StepStatus.NOT_STARTED.value,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    session.add(
        ActionStepStatus(
            step_id=row.id,
            changed_on=changed_on,
            status=StepStatus.NOT_STARTED.value,
            session_id=session_id,
        )
    )
    return row


def update_step(session: Session, row: ActionStep, data: StepInput) -> None:
    _fill(row, data)
    session.add(row)


def _fill(row: ActionStep, data: StepInput) -> None:
    row.step = data.step
    row.resources = data.resources
    row.who = data.who
    row.done_looks_like = data.done_looks_like
    row.target_date = data.target_date


def set_step_status(
    session: Session,
    row: ActionStep,
    status: StepStatus,
    *,
    changed_on: date,
    session_id: int | None = None,
) -> None:
    """Record the change in the step's history; done sets the done date, leaving done clears it."""
    assert row.id is not None
    row.status = status.value
    row.done_date = changed_on if status is StepStatus.DONE else None
    session.add(row)
    session.add(
        ActionStepStatus(
            step_id=row.id, changed_on=changed_on, status=status.value, session_id=session_id
        )
    )


def move_step(session: Session, row: ActionStep, offset: int) -> None:
    """Move a step ``offset`` places (negative: up), stopping at either end; renumbers 0..n-1."""
    siblings = _siblings(session, row.plan_id)
    index = siblings.index(row)
    siblings.pop(index)
    siblings.insert(max(0, min(len(siblings), index + offset)), row)
    _renumber(session, siblings)


def delete_step(session: Session, row: ActionStep) -> None:
    """Delete a step (the database cascades its history) and close the gap in the numbering."""
    session.delete(row)
    session.flush()
    _renumber(session, _siblings(session, row.plan_id))


def _siblings(session: Session, plan_id: int) -> list[ActionStep]:
    return list(
        session.exec(
            select(ActionStep)
            .where(col(ActionStep.plan_id) == plan_id)
            .order_by(col(ActionStep.position), col(ActionStep.id))
        )
    )


def _renumber(session: Session, steps: list[ActionStep]) -> None:
    for position, step in enumerate(steps):
        if step.position != position:
            step.position = position
            session.add(step)
