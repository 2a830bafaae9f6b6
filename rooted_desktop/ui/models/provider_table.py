"""Providers as a table model: one row per provider, columns named by an enum."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.core.text import sort_key

ProviderRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2


class ProviderColumn(IntEnum):
    NAME = 0
    SITE = 1
    SETTING = 2
    AGE_GROUP = 3
    STATUS = 4
    PHONE = 5
    EMAIL = 6


HEADERS = {
    ProviderColumn.NAME: "Name",
    ProviderColumn.SITE: "Site",
    ProviderColumn.SETTING: "Setting",
    ProviderColumn.AGE_GROUP: "Age group",
    ProviderColumn.STATUS: "Status",
    ProviderColumn.PHONE: "Phone",
    ProviderColumn.EMAIL: "Email",
}

_Index = QModelIndex | QPersistentModelIndex


class ProviderTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ProviderRecord] = []

    def set_providers(self, providers: list[ProviderRecord]) -> None:
        self.beginResetModel()
        self._rows = list(providers)
        self.endResetModel()

    def provider_at(self, row: int) -> ProviderRecord:
        return self._rows[row]

    def row_of(self, provider_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if record.id == provider_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ProviderColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[ProviderColumn(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = ProviderColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(record, column)
        if role == ProviderRole:
            return record.id
        if role == SortRole:
            return sort_key(self._text(record, column))
        if role == Qt.ItemDataRole.ToolTipRole and column in (
            ProviderColumn.SITE,
            ProviderColumn.EMAIL,
        ):
            return self._text(record, column) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == ProviderColumn.STATUS:
            return "Active this program year" if record.active else "Deactivated: not coached now"
        if role == Qt.ItemDataRole.FontRole and not record.active:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None

    @staticmethod
    def _text(record: ProviderRecord, column: ProviderColumn) -> str:
        return {
            ProviderColumn.NAME: record.name,
            ProviderColumn.SITE: record.site,
            ProviderColumn.SETTING: record.setting.label,
            ProviderColumn.AGE_GROUP: record.age_group.label,
            ProviderColumn.EMAIL: record.email,
            ProviderColumn.PHONE: record.phone,
            ProviderColumn.STATUS: "Active" if record.active else "Inactive",
        }[column]
