"""Dosage of every active provider for a month, as a table model."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from rooted_desktop.core.dashboard import ProviderDosage
from rooted_desktop.core.text import sort_key
from rooted_desktop.ui.models.record_table import RecordTableModel

FractionRole = Qt.ItemDataRole.UserRole + 3  # done / target, for the bar delegate


class DosageColumn(IntEnum):
    PROVIDER = 0
    DONE = 1
    SCHEDULED = 2
    STATUS = 3
    PACE = 4


class DosageTableModel(RecordTableModel[ProviderDosage, DosageColumn]):
    columns = DosageColumn
    headers = ("Provider", "Minutes done", "Planned", "Status", "Pace")
    id_attribute = "provider_id"

    def text(self, row: ProviderDosage, column: DosageColumn) -> str:
        dosage = row.dosage
        if column == DosageColumn.PROVIDER:
            return row.provider_name
        if column == DosageColumn.DONE:
            return f"{dosage.done_minutes} of {dosage.target}"
        if column == DosageColumn.SCHEDULED:
            return f"+{dosage.scheduled_minutes}" if dosage.scheduled_minutes else ""
        if column == DosageColumn.STATUS:
            return dosage.status.label
        return ("⚠ " if dosage.pace.is_warning else "") + dosage.pace.label

    def sort_value(self, row: ProviderDosage, column: DosageColumn) -> Any:
        dosage = row.dosage
        if column == DosageColumn.PROVIDER:
            return sort_key(row.provider_name)
        if column in (DosageColumn.DONE, DosageColumn.STATUS):
            return dosage.done_minutes
        if column == DosageColumn.SCHEDULED:
            return dosage.scheduled_minutes
        return (not dosage.pace.is_warning, dosage.missing_minutes * -1)

    def tooltip(self, row: ProviderDosage, column: DosageColumn) -> str | None:
        dosage = row.dosage
        if column != DosageColumn.PACE:
            return None
        if dosage.missing_minutes:
            return f"{dosage.missing_minutes} minutes still needed; {dosage.days_left} days left"
        return "The 90 minutes are done this month"

    def role_data(self, row: ProviderDosage, column: DosageColumn, role: int) -> Any:
        if role == FractionRole:
            dosage = row.dosage
            return min(1.0, dosage.done_minutes / dosage.target) if dosage.target else 0.0
        return super().role_data(row, column, role)
