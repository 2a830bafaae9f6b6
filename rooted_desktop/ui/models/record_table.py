"""The part every table model shares: one record per row, columns named by an enum.

A subclass names its columns and headers and says what a cell shows through small hooks:
text() (shown and read aloud), sort_value() (SortRole), tooltip(), and role_data() for any
other role; by default IdRole gives the row's id and every other role nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
C = TypeVar("C", bound=IntEnum)


def one_line(text: str) -> str:
    return " ".join(text.split())


class RecordTableModel(QAbstractTableModel, Generic[T, C]):
    columns: type[C]
    headers: tuple[str, ...] = ()  # one per column, in the enum's order
    id_attribute = "id"  # what IdRole gives and row_of(id) looks for
    numbered_rows = False  # the vertical header numbers the rows from 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def row_id(self, row: T) -> Any:
        return getattr(row, self.id_attribute)

    def row_of(self, wanted: int | Callable[[T], bool]) -> int | None:
        """The first row with this id, or that `wanted` holds for; None if there is none."""
        if callable(wanted):
            return next((n for n, row in enumerate(self._rows) if wanted(row)), None)
        return next((n for n, row in enumerate(self._rows) if self.row_id(row) == wanted), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return str(section + 1) if self.numbered_rows else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns(index.column())
        if role in TEXT_ROLES:
            return self.text(row, column)
        if role == SortRole:
            return self.sort_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        return self.role_data(row, column, role)

    def text(self, row: T, column: C) -> str:
        raise NotImplementedError

    def sort_value(self, row: T, column: C) -> Any:
        return None

    def tooltip(self, row: T, column: C) -> str | None:
        return None

    def role_data(self, row: T, column: C, role: int) -> Any:
        return self.row_id(row) if role == IdRole else None
