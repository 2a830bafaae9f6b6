"""Dosage of every active provider for a month, as a table model."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rooted_desktop.core.dashboard import ProviderDosage
from rooted_desktop.core.text import sort_key

ProviderIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
FractionRole = Qt.ItemDataRole.UserRole + 3  # done / target, for the bar delegate

_Index = QModelIndex | QPersistentModelIndex


class DosageColumn(IntEnum):
    PROVIDER = 0
    DONE = 1
    SCHEDULED = 2
    STATUS = 3
    PACE = 4


HEADERS = {
    DosageColumn.PROVIDER: "Provider",
    DosageColumn.DONE: "Minutes done",
    DosageColumn.SCHEDULED: "Planned",
    DosageColumn.STATUS: "Status",
    DosageColumn.PACE: "Pace",
}


class DosageTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ProviderDosage] = []

    def set_rows(self, rows: list[ProviderDosage]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ProviderDosage:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DosageColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[DosageColumn(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = DosageColumn(index.column())
        dosage = row.dosage
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                DosageColumn.PROVIDER: row.provider_name,
                DosageColumn.DONE: f"{dosage.done_minutes} of {dosage.target}",
                DosageColumn.SCHEDULED: (
                    f"+{dosage.scheduled_minutes}" if dosage.scheduled_minutes else ""
                ),
                DosageColumn.STATUS: dosage.status.label,
                DosageColumn.PACE: ("⚠ " if dosage.pace.is_warning else "") + dosage.pace.label,
            }[column]
        if role == ProviderIdRole:
            return row.provider_id
        if role == FractionRole:
            return min(1.0, dosage.done_minutes / dosage.target) if dosage.target else 0.0
        if role == SortRole:
            if column == DosageColumn.PROVIDER:
                return sort_key(row.provider_name)
            if column in (DosageColumn.DONE, DosageColumn.STATUS):
                return dosage.done_minutes
            if column == DosageColumn.SCHEDULED:
                return dosage.scheduled_minutes
            return (not dosage.pace.is_warning, dosage.missing_minutes * -1)
        if role == Qt.ItemDataRole.ToolTipRole and column == DosageColumn.PACE:
            if dosage.missing_minutes:
                return (
                    f"{dosage.missing_minutes} minutes still needed; {dosage.days_left} days left"
                )
            return "The 90 minutes are done this month"
        return None
