"""Add or edit a training of the guide (3A, 3B, Practice Practice Practice).

The coach attended or trained it; providers who attended are ticked; the implementation
plan notes are coach-only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from rooted_desktop.core.program import TrainingInput, TrainingRecord, validate_training
from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.core.vocab import TrainingRole
from rooted_desktop.guide.model import Training
from rooted_desktop.ui.dialogs.meeting_dialog import (
    AttendeeList,
    ProgramDialog,
    coach_only,
    line_edit,
    text_box,
)

ROLE_LABELS = {TrainingRole.ATTENDED: "Attended", TrainingRole.TRAINED: "Trained (led it)"}


class TrainingDialog(ProgramDialog):
    def __init__(
        self,
        parent: QWidget | None,
        trainings: Sequence[Training],
        providers: list[ProviderRecord],
        record: TrainingRecord | None = None,
        *,
        today: date,
        kind: str | None = None,
    ) -> None:
        super().__init__(parent, "Edit training" if record else "New training", today=today)
        self._keys = [t.key for t in trainings]
        self.kind = QComboBox()
        self.kind.setAccessibleName("Training")
        for training in trainings:
            self.kind.addItem(f"{training.name} ({training.key})", training.key)
        if record is not None and record.kind not in self._keys:  # from another guide
            self.kind.addItem(f"{record.kind} (not in this guide)", record.kind)
        self.role = QComboBox()
        self.role.setAccessibleName("Your role")
        for role, label in ROLE_LABELS.items():
            self.role.addItem(label, role.value)
        self.held = QCheckBox("&Held (it took place)")
        self.held.setAccessibleName("Held")
        self.location = line_edit("Location")
        self.attendees = AttendeeList()
        self.implementation_notes = coach_only(
            text_box(
                "Implementation plan notes, coach-only",
                100,
                "The module's Implementation Plan, and what to carry into coaching",
            )
        )
        self.form.insertRow(0, "T&raining:", self.kind)
        self.fields["kind"] = self.kind
        self.add_row("Your r&ole:", self.role, "role")
        self.add_row("", self.held, "held")
        self.add_row("&Location:", self.location, "location")
        self.add_row("Providers &attending:", self.attendees, "attendees")
        self.add_row(
            "&Implementation plan notes (coach-only):",
            self.implementation_notes,
            "implementation_notes",
        )
        if record is None:
            self.set_when(today, None, None)
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            self.attendees.set_providers(providers, ())
        else:
            self.set_when(record.day, record.start, record.minutes)
            self.kind.setCurrentIndex(self.kind.findData(record.kind))
            self.role.setCurrentIndex(self.role.findData(record.role.value))
            self.held.setChecked(record.held)
            self.location.setText(record.location)
            self.attendees.set_providers(providers, record.attendee_ids)
            self.implementation_notes.setPlainText(record.implementation_notes)
        self.kind.setFocus()

    def value(self) -> TrainingInput:
        day, start, minutes = self.when()
        return TrainingInput(
            kind=str(self.kind.currentData() or ""),
            day=day,
            start=start,
            minutes=minutes,
            role=str(self.role.currentData()),
            held=self.held.isChecked(),
            location=self.location.text(),
            implementation_notes=self.implementation_notes.toPlainText(),
            attendee_ids=self.attendees.checked_ids(),
        ).cleaned()

    def problems_of_value(self) -> list[FieldProblem]:
        return validate_training(self.value(), self._keys, today=self.today)
