"""The Data & evaluation page's tables: the requirement matrix, the coach's own items, and
the observations.

Overdue is written out ("Overdue (due Sep 30)") and marked with a warning icon and bold
text, never shown by colour alone. Observation debrief words are not shown in the table.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from rooted_desktop.core.deadlines import DueState
from rooted_desktop.core.requirements import (
    ObservationRecord,
    RequirementMatrix,
    RequirementRecord,
    status_text,
)
from rooted_desktop.ui.models.record_table import IdRole, Index, RecordTableModel
from rooted_desktop.ui.models.session_table import short_date

RecordRole = IdRole  # these tables give the record itself, not its id
NOT_OWED = "n/a"


def describe(record: RequirementRecord) -> str:
    """A requirement in full, for a tooltip: every date and count that is recorded."""
    lines = [record.name + (" (optional)" if record.optional else "")]
    lines.append(f"Status: {record.status.label}; due {short_date(record.due_on)}")
    for label, day in (
        ("Started", record.started_on),
        ("Completed", record.completed_on),
        ("Entered in CMS", record.entered_in_cms_on),
    ):
        if day is not None:
            lines.append(f"{label}: {short_date(day)}")
    if record.counts and record.has_counts:
        counts = [
            f"{words} {value}"
            for words, value in (
                ("distributed", record.asq_distributed),
                ("returned", record.asq_returned),
                ("scored", record.asq_scored),
                ("entered in CMS", record.asq_entered),
                ("follow-ups", record.asq_followups),
            )
            if value is not None
        ]
        lines.append("Questionnaires: " + ", ".join(counts))
    if record.notes:
        lines.append(f"Notes: {' '.join(record.notes.split())[:200]}")
    return "\n".join(lines)


def _marked(record: RequirementRecord | None, role: int) -> Any:
    """The non-colour marks of a cell: a warning icon and bold for overdue, dim for n/a."""
    state = record.due_state if record is not None else DueState.NOT_APPLICABLE
    if role == Qt.ItemDataRole.DecorationRole and state is DueState.OVERDUE:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    if role == Qt.ItemDataRole.FontRole and state is DueState.OVERDUE:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ForegroundRole and state is DueState.NOT_APPLICABLE:
        return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    return None


class RequirementMatrixModel(QAbstractTableModel):
    """Rows are providers, columns the guide's requirements; a cell is one requirement."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: RequirementMatrix | None = None

    def set_matrix(self, matrix: RequirementMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def record_at(self, row: int, column: int) -> RequirementRecord | None:
        """The cell's requirement; None where it does not apply or there is no cell."""
        if self.matrix is None or not (0 <= row < len(self.matrix.rows)):
            return None
        return self.matrix.cell(row, column) if 0 <= column < len(self.matrix.columns) else None

    def position_of(self, provider_id: int, kind: str) -> tuple[int, int] | None:
        if self.matrix is None:
            return None
        keys = [c.key for c in self.matrix.columns]
        for row, line in enumerate(self.matrix.rows):
            if line.provider_id == provider_id and kind in keys:
                return row, keys.index(kind)
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.matrix is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            column = self.matrix.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.short_name + (" (optional)" if column.optional else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{column.name}, due {short_date(column.due_on)}"
            return None
        line = self.matrix.rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.provider_name + ("" if line.active else " (inactive)")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{line.setting.label}, {line.age_group.label.lower()}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        record = self.record_at(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return status_text(record) if record else NOT_OWED
        if role == Qt.ItemDataRole.AccessibleTextRole:
            line, column = self.matrix.rows[index.row()], self.matrix.columns[index.column()]
            text = status_text(record) if record else "does not apply"
            return f"{line.provider_name}, {column.short_name}: {text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if record is None:
                return "Does not apply to this provider's setting and age group"
            return describe(record)
        if role == RecordRole:
            return record
        return _marked(record, role)


class CoachColumn(IntEnum):
    ITEM = 0
    STATUS = 1  # says the completed date once done
    DUE = 2


class ObservationColumn(IntEnum):
    PROVIDER = 0
    TOOL = 1
    OBSERVER = 2
    SCHEDULED = 3
    COMPLETED = 4
    DEBRIEF = 5


COACH_HEADERS = ("Item", "Status", "Due")
OBSERVATION_HEADERS = ("Provider", "Tool", "Observer", "Scheduled", "Completed", "Debrief")


class CoachItemModel(RecordTableModel[RequirementRecord, CoachColumn]):
    """The coach's own requirements (the RC Survey)."""

    columns = CoachColumn
    headers = COACH_HEADERS

    def text(self, record: RequirementRecord, column: CoachColumn) -> str:
        if column == CoachColumn.ITEM:
            return record.name
        if column == CoachColumn.STATUS:
            return status_text(record)
        return short_date(record.due_on)

    def tooltip(self, record: RequirementRecord, column: CoachColumn) -> str | None:
        return describe(record)

    def role_data(self, record: RequirementRecord, column: CoachColumn, role: int) -> Any:
        if role == RecordRole:
            return record
        return _marked(record, role) if column == CoachColumn.STATUS else None


class ObservationTableModel(RecordTableModel[ObservationRecord, ObservationColumn]):
    columns = ObservationColumn
    headers = OBSERVATION_HEADERS

    def text(self, record: ObservationRecord, column: ObservationColumn) -> str:
        return observation_text(record, column)

    def role_data(self, record: ObservationRecord, column: ObservationColumn, role: int) -> Any:
        return record if role == RecordRole else None


def observation_text(record: ObservationRecord, column: ObservationColumn) -> str:
    if column == ObservationColumn.PROVIDER:
        return record.provider_name
    if column == ObservationColumn.TOOL:
        return record.tool
    if column == ObservationColumn.OBSERVER:
        return record.observer
    if column == ObservationColumn.SCHEDULED:
        if record.scheduled_on is None:
            return "Not scheduled"
        at = f" {record.start_time:%H:%M}" if record.start_time else ""
        return short_date(record.scheduled_on) + at
    day = record.completed_on if column == ObservationColumn.COMPLETED else record.debrief_on
    return short_date(day) if day else ""
