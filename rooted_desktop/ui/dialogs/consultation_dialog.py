"""Add or edit a reflective consultation (RC) session; its notes are coach-only."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QWidget

from rooted_desktop.core.program import (
    ConsultationInput,
    ConsultationRecord,
    validate_consultation,
)
from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.ui.dialogs.meeting_dialog import ProgramDialog, coach_only, text_box


class ConsultationDialog(ProgramDialog):
    def __init__(
        self, parent: QWidget | None, record: ConsultationRecord | None = None, *, today: date
    ) -> None:
        title = "Edit reflective consultation" if record else "New reflective consultation"
        super().__init__(parent, title, today=today)
        self.attended = QCheckBox("&Attended")
        self.attended.setAccessibleName("Attended")
        self.attended.setToolTip("Tick once you have been to this month's consultation")
        self.notes = coach_only(
            text_box("Notes, coach-only", 120, "What you took from it, for you alone")
        )
        self.add_row("", self.attended, "attended")
        self.add_row("&Notes (coach-only):", self.notes, "notes")
        if record is None:
            self.set_when(today, None, 60)
        else:
            self.set_when(record.day, record.start, record.minutes)
            self.attended.setChecked(record.attended)
            self.notes.setPlainText(record.notes)
        self.day.setFocus()

    def value(self) -> ConsultationInput:
        day, start, minutes = self.when()
        return ConsultationInput(
            day=day,
            start=start,
            minutes=minutes,
            attended=self.attended.isChecked(),
            notes=self.notes.toPlainText(),
        ).cleaned()

    def problems_of_value(self) -> list[FieldProblem]:
        return validate_consultation(self.value(), today=self.today)
