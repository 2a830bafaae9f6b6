"""A plan's steps as a table model, and a provider's goals as a list model.

Status is always shown as words ("In progress"), never as colour alone.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from rooted_desktop.core.records import PlanRecord, StepRecord
from rooted_desktop.core.vocab import StepStatus
from rooted_desktop.ui.models.session_table import short_date

StepIdRole = Qt.ItemDataRole.UserRole + 1
PlanIdRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


class StepColumn(IntEnum):
    STEP = 0
    WHO = 1
    TARGET = 2
    STATUS = 3
    DONE_ON = 4


HEADERS = {
    StepColumn.STEP: "Step",
    StepColumn.WHO: "Who",
    StepColumn.TARGET: "Target date",
    StepColumn.STATUS: "Status",
    StepColumn.DONE_ON: "Done on",
}


def one_line(text: str) -> str:
    return " ".join(text.split())


class StepTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StepRecord] = []

    def set_steps(self, steps: tuple[StepRecord, ...] | list[StepRecord]) -> None:
        self.beginResetModel()
        self._rows = list(steps)
        self.endResetModel()

    def step_at(self, row: int) -> StepRecord:
        return self._rows[row]

    def row_of(self, step_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if record.id == step_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(StepColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[StepColumn(section)]
        return str(section + 1)  # the step's number in the plan

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = StepColumn(index.column())
        if role in _TEXT_ROLES:
            return self._text(record, column)
        if role == StepIdRole:
            return record.id
        if role == Qt.ItemDataRole.ToolTipRole and column == StepColumn.STEP:
            return record.step or None
        return None

    @staticmethod
    def _text(record: StepRecord, column: StepColumn) -> str:
        if column == StepColumn.STEP:
            return one_line(record.step)
        if column == StepColumn.WHO:
            return record.who
        if column == StepColumn.TARGET:
            return short_date(record.target_date) if record.target_date else ""
        if column == StepColumn.STATUS:
            return record.status.label
        return short_date(record.done_date) if record.done_date else ""


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

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role in _TEXT_ROLES:
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
