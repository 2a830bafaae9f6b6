"""The part every table model shares: one record per row, columns named by an enum.

A subclass names its columns and headers and says what a cell shows through small hooks:
text() (shown and read aloud), sort_value() (SortRole), tooltip(), and role_data() for any
other role; by default IdRole gives the row's id and every other role nothing.

data() runs for every role of every cell Qt lays out or paints (eight or so per cell), so
it stays lean: roles are compared as plain ints, and a column's enum member is looked up,
not constructed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
# Plain ints: comparing an int with a Qt enum member runs Python code, with an int it does not.
TEXT_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.AccessibleTextRole.value}
)
_TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value

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
        self._column_at = {column.value: column for column in self.columns}
        self._sorted_by: tuple[C, bool] | None = None  # column, descending: set by sort()

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted_by is not None:
            self._rows = [self._rows[n] for n in self._sorted_positions(*self._sorted_by)]
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by sort_value(); set_rows() keeps this order for the rows it gets.

        A view shown without a proxy (nothing to filter) sorts through this: Python sorts
        with one key per row, where a QSortFilterProxyModel asks data() for two values per
        comparison. Like the proxy's, the sort is stable. Column -1 (no sort) leaves the
        rows in the order they are in.
        """
        if column < 0:
            self._sorted_by = None
            return
        self._sorted_by = (self._column_at[column], order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        moved = self._sorted_positions(*self._sorted_by)  # new position -> old position
        self._rows = [self._rows[n] for n in moved]
        # The selection and the current cell are persistent indexes: they follow their rows.
        new_position = {old: new for new, old in enumerate(moved)}
        before = self.persistentIndexList()
        after = [self.index(new_position[index.row()], index.column()) for index in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted_positions(self, column: C, descending: bool) -> list[int]:
        keys = [self.sort_value(row, column) for row in self._rows]
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)

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
        row, column = self._rows[index.row()], self._column_at[index.column()]
        if role in TEXT_ROLES:
            return self.text(row, column)
        if role == SortRole:
            return self.sort_value(row, column)
        if role == _TOOLTIP_ROLE:
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
