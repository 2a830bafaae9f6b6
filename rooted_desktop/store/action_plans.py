"""Action plans and their steps."""

from __future__ import annotations

from sqlmodel import Session, col, select

from rooted_desktop.core.records import OpenStep
from rooted_desktop.core.vocab import StepStatus
from rooted_desktop.store.models import ActionPlan, ActionStep


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
