"""Providers as a table model: one row per provider, columns named by an enum."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.core.text import sort_key
from rooted_desktop.ui.models.record_table import IdRole, RecordTableModel
from rooted_desktop.ui.models.record_table import SortRole as SortRole

ProviderRole = IdRole


class ProviderColumn(IntEnum):
    NAME = 0
    SITE = 1
    SETTING = 2
    AGE_GROUP = 3
    STATUS = 4
    PHONE = 5
    EMAIL = 6


class ProviderTableModel(RecordTableModel[ProviderRecord, ProviderColumn]):
    columns = ProviderColumn
    headers = ("Name", "Site", "Setting", "Age group", "Status", "Phone", "Email")
    set_providers = RecordTableModel.set_rows
    provider_at = RecordTableModel.row_at

    def text(self, record: ProviderRecord, column: ProviderColumn) -> str:
        return {
            ProviderColumn.NAME: record.name,
            ProviderColumn.SITE: record.site,
            ProviderColumn.SETTING: record.setting.label,
            ProviderColumn.AGE_GROUP: record.age_group.label,
            ProviderColumn.EMAIL: record.email,
            ProviderColumn.PHONE: record.phone,
            ProviderColumn.STATUS: "Active" if record.active else "Inactive",
        }[column]

    def sort_value(self, record: ProviderRecord, column: ProviderColumn) -> Any:
        return sort_key(self.text(record, column))

    def tooltip(self, record: ProviderRecord, column: ProviderColumn) -> str | None:
        if column in (ProviderColumn.SITE, ProviderColumn.EMAIL):
            return self.text(record, column) or None
        if column == ProviderColumn.STATUS:
            return "Active this program year" if record.active else "Deactivated: not coached now"
        return None

    def role_data(self, record: ProviderRecord, column: ProviderColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and not record.active:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return super().role_data(record, column, role)
