"""PCMs, reflective consultation and trainings as table models, columns named by enums.

Status is always written out ("Held", "Planned", "Missed"), never colour alone; it depends on
today, which the page passes in with the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from enum import IntEnum
from typing import Any, TypeVar

from rooted_desktop.core.program import ConsultationRecord, MeetingRecord, TrainingRecord
from rooted_desktop.core.text import sort_key
from rooted_desktop.ui.models import record_table
from rooted_desktop.ui.models.record_table import IdRole as IdRole
from rooted_desktop.ui.models.record_table import SortRole as SortRole
from rooted_desktop.ui.models.record_table import one_line
from rooted_desktop.ui.models.session_table import short_date

_R = TypeVar("_R", MeetingRecord, ConsultationRecord, TrainingRecord)


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


class ProgramTableModel(record_table.RecordTableModel[_R, IntEnum]):
    """Rows of one kind of record; subclasses say what each column shows."""

    wide_columns: tuple[int, ...] = ()  # the full text is also the tooltip

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_records(self, records: Sequence[_R], today: date) -> None:
        self.today = today  # before the reset: the status column depends on it
        self.set_rows(records)

    record_at = record_table.RecordTableModel.row_at

    def text(self, record: _R, column: int) -> str:
        return one_line(self.full_text(record, column))

    def full_text(self, record: _R, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, record: _R, column: int) -> str | None:
        return (self.full_text(record, column) or None) if column in self.wide_columns else None

    def sort_value(self, record: _R, column: int) -> Any:
        """Dates (and times) sort as dates; everything else alphabetically across alphabets."""
        if self.headers[column] in ("Date", "Start"):
            return f"{record.day.isoformat()} {record.start.isoformat() if record.start else ''}"
        return sort_key(self.text(record, column))


RecordTableModel = ProgramTableModel  # the name the program page uses


class MeetingTableModel(ProgramTableModel[MeetingRecord]):
    columns = MeetingColumn
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


class ConsultationTableModel(ProgramTableModel[ConsultationRecord]):
    columns = ConsultationColumn
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


class TrainingTableModel(ProgramTableModel[TrainingRecord]):
    columns = TrainingColumn
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
