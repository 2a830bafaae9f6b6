"""Sessions as a table model: one row per session, columns named by an enum."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from rooted_desktop.core.records import SessionListItem
from rooted_desktop.core.text import sort_key
from rooted_desktop.ui.models.record_table import IdRole, RecordTableModel, one_line
from rooted_desktop.ui.models.record_table import SortRole as SortRole

SessionIdRole = IdRole


class SessionColumn(IntEnum):
    DATE = 0
    START = 1
    PROVIDER = 2
    MINUTES = 3
    MODE = 4
    STATUS = 5
    FOCUS = 6
    CMS = 7
    FEEDBACK = 8


def short_date(day: date) -> str:
    return f"{day:%a %b} {day.day}, {day.year}"


class SessionTableModel(RecordTableModel[SessionListItem, SessionColumn]):
    columns = SessionColumn
    headers = ("Date", "Start", "Provider", "Minutes", "Mode", "Status", "Focus", "In CMS",
               "Feedback")  # fmt: skip
    set_sessions = RecordTableModel.set_rows
    session_at = RecordTableModel.row_at

    def text(self, item: SessionListItem, column: SessionColumn) -> str:
        if column == SessionColumn.DATE:
            return short_date(item.day)
        if column == SessionColumn.START:
            return item.start_time.strftime("%H:%M") if item.start_time else ""
        if column == SessionColumn.PROVIDER:
            return item.provider_name
        if column == SessionColumn.MINUTES:
            return str(item.minutes)
        if column == SessionColumn.MODE:
            return item.mode.label
        if column == SessionColumn.STATUS:
            return item.status.label
        if column == SessionColumn.FOCUS:
            return one_line(item.focus)
        if column == SessionColumn.CMS:
            if item.cms_entered_on is not None:
                return f"Entered {item.cms_entered_on:%b} {item.cms_entered_on.day}"
            return "Not entered" if item.status.value == "completed" else ""
        if item.feedback_sent_on is not None:
            sent = item.feedback_sent_on.astimezone()
            return f"Sent {sent:%b} {sent.day}"
        return ""

    def sort_value(self, item: SessionListItem, column: SessionColumn) -> Any:
        if column in (SessionColumn.DATE, SessionColumn.START):
            start = item.start_time.isoformat() if item.start_time else ""
            return f"{item.day.isoformat()} {start}"
        if column == SessionColumn.MINUTES:
            return item.minutes
        if column == SessionColumn.CMS:
            return item.cms_entered_on.isoformat() if item.cms_entered_on else ""
        return sort_key(self.text(item, column))

    def tooltip(self, item: SessionListItem, column: SessionColumn) -> str | None:
        return (item.focus or None) if column == SessionColumn.FOCUS else None

    def role_data(self, item: SessionListItem, column: SessionColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SessionColumn.MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().role_data(item, column, role)
