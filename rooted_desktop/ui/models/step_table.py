"""A plan's steps as a table model, and a provider's goals as a list model.

Status is always shown as words ("In progress"), never as colour alone.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from rooted_desktop.core.records import PlanRecord, StepRecord
from rooted_desktop.core.vocab import StepStatus
from rooted_desktop.ui.models.record_table import (
    TEXT_ROLES,
    IdRole,
    Index,
    RecordTableModel,
    one_line,
)
from rooted_desktop.ui.models.session_table import short_date

StepIdRole = IdRole
PlanIdRole = IdRole


class StepColumn(IntEnum):
    STEP = 0
    WHO = 1
    TARGET = 2
    STATUS = 3
    DONE_ON = 4


class StepTableModel(RecordTableModel[StepRecord, StepColumn]):
    columns = StepColumn
    headers = ("Step", "Who", "Target date", "Status", "Done on")
    numbered_rows = True  # the step's number in the plan
    set_steps = RecordTableModel.set_rows
    step_at = RecordTableModel.row_at

    def text(self, record: StepRecord, column: StepColumn) -> str:
        if column == StepColumn.STEP:
            return one_line(record.step)
        if column == StepColumn.WHO:
            return record.who
        if column == StepColumn.TARGET:
            return short_date(record.target_date) if record.target_date else ""
        if column == StepColumn.STATUS:
            return record.status.label
        return short_date(record.done_date) if record.done_date else ""

    def tooltip(self, record: StepRecord, column: StepColumn) -> str | None:
        return (record.step or None) if column == StepColumn.STEP else None


class GoalListModel(QAbstractListModel):
    """A provider's goals; a closed goal says so in words."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanRecord] = []

    def set_plans(self, plans: list[PlanRecord]) -> None:
        self.beginResetModel()
        self._rows = list(plans)
        self.endResetModel()

    def plan_at(self, row: int) -> PlanRecord:
        return self._rows[row]

    def row_of(self, plan_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if record.id == plan_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role in TEXT_ROLES:
            return goal_text(record)
        if role == PlanIdRole:
            return record.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.goal
        return None


def goal_text(plan: PlanRecord) -> str:
    done = sum(1 for step in plan.steps if step.status is StepStatus.DONE)
    text = f"{one_line(plan.goal)} — {done} of {len(plan.steps)} steps done"
    return text if plan.is_open else f"{text} (closed)"


def describe_step(step: StepRecord) -> str:
    """The selected step in full, with its status history, as plain text."""
    lines = [f"Step: {step.step}"]
    if step.resources:
        lines.append(f"Resources / materials: {step.resources}")
    if step.done_looks_like:
        lines.append(f"What done looks like: {step.done_looks_like}")
    history = "; ".join(f"{status.label} {short_date(day)}" for day, status in step.history)
    lines.append(f"Status history: {history or 'none'}")
    return "\n".join(lines)
