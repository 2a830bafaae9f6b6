"""PCMs, reflective consultation and trainings as table models, columns named by enums.

Status is always written out ("Held", "Planned", "Missed"), never colour alone; it depends on
today, which the page passes in with the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rooted_desktop.core.program import ConsultationRecord, MeetingRecord, TrainingRecord
from rooted_desktop.core.text import sort_key
from rooted_desktop.ui.models.session_table import short_date

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_R = TypeVar("_R", MeetingRecord, ConsultationRecord, TrainingRecord)
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


class MeetingColumn(IntEnum):
    DATE = 0
    START = 1
    TOPIC = 2
    FACILITATOR = 3
    ATTENDEES = 4
    STATUS = 5
    NEXT_FACILITATOR = 6


class ConsultationColumn(IntEnum):
    DATE = 0
    START = 1
    MINUTES = 2
    STATUS = 3
    NOTES = 4


class TrainingColumn(IntEnum):
    TRAINING = 0
    DATE = 1
    START = 2
    ROLE = 3
    STATUS = 4
    ATTENDEES = 5
    LOCATION = 6


MEETING_HEADERS = ("Date", "Start", "Topic", "Facilitator", "Providers attending", "Status",
                   "Next facilitator")  # fmt: skip
CONSULTATION_HEADERS = ("Date", "Start", "Minutes", "Status", "Notes (coach-only)")
TRAINING_HEADERS = ("Training", "Date", "Start", "Your role", "Status", "Providers attending",
                    "Location")  # fmt: skip


def one_line(text: str) -> str:
    return " ".join(text.split())


def clock_time(start: time | None) -> str:
    return start.strftime("%H:%M") if start else ""


def done_status(done: bool, day: date, today: date, *, done_word: str, missed_word: str) -> str:
    """Held / Planned / Not marked held: a past item not marked done says so."""
    if done:
        return done_word
    return "Planned" if day >= today else missed_word


def meeting_status(record: MeetingRecord, today: date) -> str:
    return done_status(record.held, record.day, today, done_word="Held",
                       missed_word="Not marked held")  # fmt: skip


def consultation_status(record: ConsultationRecord, today: date) -> str:
    return done_status(record.attended, record.day, today, done_word="Attended",
                       missed_word="Missed")  # fmt: skip


def training_status(record: TrainingRecord, today: date) -> str:
    return done_status(record.held, record.day, today, done_word="Held",
                       missed_word="Not marked held")  # fmt: skip


def attendees_text(names: Sequence[str]) -> str:
    return f"{len(names)}: {', '.join(names)}" if names else "none"


class RecordTableModel(QAbstractTableModel, Generic[_R]):
    """Rows of one kind of record; subclasses say what each column shows."""

    headers: tuple[str, ...] = ()
    wide_columns: tuple[int, ...] = ()  # the full text is also the tooltip

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_R] = []
        self.today = date.today()

    def set_records(self, records: Sequence[_R], today: date) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.today = today
        self.endResetModel()

    def record_at(self, row: int) -> _R:
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == record_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self._rows[index.row()], index.column()
        if role in _TEXT_ROLES:
            return self.text(record, column)
        if role == IdRole:
            return record.id
        if role == SortRole:
            return self.sort_value(record, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in self.wide_columns:
            return self.full_text(record, column) or None
        return None

    def text(self, record: _R, column: int) -> str:
        return one_line(self.full_text(record, column))

    def full_text(self, record: _R, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, record: _R, column: int) -> Any:
        """Dates (and times) sort as dates; everything else alphabetically across alphabets."""
        if self.headers[column] in ("Date", "Start"):
            return f"{record.day.isoformat()} {record.start.isoformat() if record.start else ''}"
        return sort_key(self.text(record, column))


class MeetingTableModel(RecordTableModel[MeetingRecord]):
    headers = MEETING_HEADERS
    wide_columns = (MeetingColumn.TOPIC, MeetingColumn.ATTENDEES)

    def full_text(self, record: MeetingRecord, column: int) -> str:
        match MeetingColumn(column):
            case MeetingColumn.DATE:
                return short_date(record.day)
            case MeetingColumn.START:
                return clock_time(record.start)
            case MeetingColumn.TOPIC:
                return record.topic
            case MeetingColumn.FACILITATOR:
                return record.facilitator
            case MeetingColumn.ATTENDEES:
                return attendees_text(record.attendee_names)
            case MeetingColumn.STATUS:
                return meeting_status(record, self.today)
            case MeetingColumn.NEXT_FACILITATOR:
                return record.next_facilitator


class ConsultationTableModel(RecordTableModel[ConsultationRecord]):
    headers = CONSULTATION_HEADERS
    wide_columns = (ConsultationColumn.NOTES,)

    def full_text(self, record: ConsultationRecord, column: int) -> str:
        match ConsultationColumn(column):
            case ConsultationColumn.DATE:
                return short_date(record.day)
            case ConsultationColumn.START:
                return clock_time(record.start)
            case ConsultationColumn.MINUTES:
                return "" if record.minutes is None else str(record.minutes)
            case ConsultationColumn.STATUS:
                return consultation_status(record, self.today)
            case ConsultationColumn.NOTES:
                return record.notes

    def sort_value(self, record: ConsultationRecord, column: int) -> Any:
        if column == ConsultationColumn.MINUTES:
            return record.minutes or 0
        return super().sort_value(record, column)


class TrainingTableModel(RecordTableModel[TrainingRecord]):
    headers = TRAINING_HEADERS
    wide_columns = (TrainingColumn.ATTENDEES,)

    def __init__(self, names: dict[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.names = names  # guide key -> training name

    def full_text(self, record: TrainingRecord, column: int) -> str:
        match TrainingColumn(column):
            case TrainingColumn.TRAINING:
                return self.names.get(record.kind, record.kind)
            case TrainingColumn.DATE:
                return short_date(record.day)
            case TrainingColumn.START:
                return clock_time(record.start)
            case TrainingColumn.ROLE:
                return record.role.value.capitalize()
            case TrainingColumn.STATUS:
                return training_status(record, self.today)
            case TrainingColumn.ATTENDEES:
                return attendees_text(record.attendee_names)
            case TrainingColumn.LOCATION:
                return record.location
