"""Sessions as a table model: one row per session, columns named by an enum."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rooted_desktop.core.records import SessionListItem
from rooted_desktop.core.text import sort_key

SessionIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2


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


HEADERS = {
    SessionColumn.DATE: "Date",
    SessionColumn.START: "Start",
    SessionColumn.PROVIDER: "Provider",
    SessionColumn.MINUTES: "Minutes",
    SessionColumn.MODE: "Mode",
    SessionColumn.STATUS: "Status",
    SessionColumn.FOCUS: "Focus",
    SessionColumn.CMS: "In CMS",
    SessionColumn.FEEDBACK: "Feedback",
}

_Index = QModelIndex | QPersistentModelIndex


def short_date(day: date) -> str:
    return f"{day:%a %b} {day.day}, {day.year}"


class SessionTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionListItem] = []

    def set_sessions(self, sessions: list[SessionListItem]) -> None:
        self.beginResetModel()
        self._rows = list(sessions)
        self.endResetModel()

    def session_at(self, row: int) -> SessionListItem:
        return self._rows[row]

    def row_of(self, session_id: int) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.id == session_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SessionColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[SessionColumn(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = SessionColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == SessionIdRole:
            return item.id
        if role == SortRole:
            return self._sort_value(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == SessionColumn.FOCUS:
            return item.focus or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SessionColumn.MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(item: SessionListItem, column: SessionColumn) -> str:
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
            return " ".join(item.focus.split())
        if column == SessionColumn.CMS:
            if item.cms_entered_on is not None:
                return f"Entered {item.cms_entered_on:%b} {item.cms_entered_on.day}"
            return "Not entered" if item.status.value == "completed" else ""
        if item.feedback_sent_on is not None:
            sent = item.feedback_sent_on.astimezone()
            return f"Sent {sent:%b} {sent.day}"
        return ""

    def _sort_value(self, item: SessionListItem, column: SessionColumn) -> Any:
        if column in (SessionColumn.DATE, SessionColumn.START):
            start = item.start_time.isoformat() if item.start_time else ""
            return f"{item.day.isoformat()} {start}"
        if column == SessionColumn.MINUTES:
            return item.minutes
        if column == SessionColumn.CMS:
            return item.cms_entered_on.isoformat() if item.cms_entered_on else ""
        return sort_key(self._text(item, column))
