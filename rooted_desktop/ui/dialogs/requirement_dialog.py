"""Edit one data requirement: status, dates, ASQ-SE2 counts and coach-only notes.

Choosing Done fills the completed date with today (the coach may change it); leaving Done
clears it. Problems are listed in the dialog in words, naming the field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.core.requirements import (
    ASQ_FIELDS,
    COUNT_MAX,
    RequirementInput,
    RequirementRecord,
    validate_requirement,
)
from rooted_desktop.core.vocab import RequirementStatus
from rooted_desktop.ui.errors import show_problems
from rooted_desktop.ui.models.session_table import short_date

NOT_RECORDED = "not recorded"
_ASQ_LABELS = {
    "asq_distributed": "&Distributed to families:",
    "asq_returned": "&Returned:",
    "asq_scored": "Sc&ored:",
    "asq_entered": "Entered in C&MS:",
    "asq_followups": "&Follow-ups:",
}


class OptionalDate:
    """A check box that says whether there is a date, and the date beside it."""

    def __init__(self, label: str, name: str, today: date) -> None:
        self.check = QCheckBox(label)
        self.check.setAccessibleName(f"Has {name[:1].lower()}{name[1:]}")
        self.edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("ddd MMM d, yyyy")
        self.edit.setAccessibleName(name)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)

    def add_to(self, form: QFormLayout) -> None:
        form.addRow(self.check, self.edit)

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        chosen: date = self.edit.date().toPython()  # type: ignore[assignment]
        return chosen

    def set_value(self, day: date | None) -> None:
        if day is not None:
            self.edit.setDate(QDate(day.year, day.month, day.day))
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)


def problems_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName("Problems")
    label.setStyleSheet("font-weight: bold")
    label.hide()
    return label


class RequirementDialog(QDialog):
    def __init__(self, parent: QWidget | None, record: RequirementRecord, *, today: date) -> None:
        super().__init__(parent)
        self._record = record
        self._today = today
        who = record.provider_name or "the coach's own item"
        self.setWindowTitle(f"{record.name} — {who}")
        self.setMinimumWidth(500)

        due = f"Due {short_date(record.due_on)} ({record.due_state.label.lower()})"
        if record.optional:
            due += " — optional"
        self.due = QLabel(due)
        self.due.setAccessibleName("Due date")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for status in RequirementStatus:
            self.status.addItem(status.label, status.value)
        self.started = OptionalDate("S&tarted on:", "Started on", today)
        self.completed = OptionalDate("&Completed on:", "Completed on", today)
        self.entered = OptionalDate("&Entered in CMS on:", "Entered in CMS on", today)
        form = QFormLayout()
        form.addRow(self.due)
        form.addRow("&Status:", self.status)
        for optional in (self.started, self.completed, self.entered):
            optional.add_to(form)

        self.counts: dict[str, QSpinBox] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if record.counts:
            box = QGroupBox("Questionnaires (counts only — no child names are kept)")
            counts_form = QFormLayout(box)
            for field, label in _ASQ_LABELS.items():
                spin = QSpinBox()
                spin.setRange(-1, COUNT_MAX)
                spin.setSpecialValueText(NOT_RECORDED)  # shown for -1: no count yet
                words = ASQ_FIELDS[field]
                spin.setAccessibleName(words[:1].upper() + words[1:])
                spin.setValue(-1 if getattr(record, field) is None else getattr(record, field))
                counts_form.addRow(label, spin)
                self.counts[field] = spin
            layout.addWidget(box)
        self.notes = QPlainTextEdit(record.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.notes.setAccessibleName("Notes (coach-only)")
        notes_form = QFormLayout()
        notes_form.addRow("&Notes (coach-only):", self.notes)
        layout.addLayout(notes_form)
        self.problems = problems_label()
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.status.setCurrentIndex(self.status.findData(record.status.value))
        self.started.set_value(record.started_on)
        self.completed.set_value(record.completed_on)
        self.entered.set_value(record.entered_in_cms_on)
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.status.setFocus()

    def _status_changed(self) -> None:
        done = self.status.currentData() == RequirementStatus.DONE.value
        if done and self.completed.value() is None:
            self.completed.set_value(self._today)
        elif not done:
            self.completed.set_value(None)

    def value(self) -> RequirementInput:
        counts = {
            field: (None if spin.value() < 0 else spin.value())
            for field, spin in self.counts.items()
        }
        return RequirementInput(
            status=RequirementStatus(self.status.currentData()),
            started_on=self.started.value(),
            completed_on=self.completed.value(),
            entered_in_cms_on=self.entered.value(),
            notes=self.notes.toPlainText(),
            **counts,
        ).cleaned(self._today)

    def show_problems(self, problems: list[str]) -> None:
        show_problems(self.problems, problems)

    def accept(self) -> None:
        problems = validate_requirement(self.value(), counts=self._record.counts, today=self._today)
        if problems:
            self.show_problems([p.message for p in problems])
            self._focus(problems[0])
            return
        super().accept()

    def _focus(self, problem: FieldProblem) -> None:
        fields: dict[str, QWidget] = {
            "started_on": self.started.edit,
            "completed_on": self.completed.edit,
            "entered_in_cms_on": self.entered.edit,
            "notes": self.notes,
            **self.counts,
        }
        widget = fields.get(problem.field, self.status)
        (widget if widget.isEnabled() else self.status).setFocus()
