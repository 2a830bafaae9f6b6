"""Add or edit a TPOT/TPITOS observation: who observes, when, and the debrief's words.

There is deliberately no place for a score: the program never shares TPOT/TPITOS scores with
providers, so the app keeps none. The debrief's strengths and next steps are coach-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.requirements import (
    OBSERVATION_TOOLS,
    ObservationInput,
    ObservationRecord,
    validate_observation,
)
from rooted_desktop.ui.dialogs.requirement_dialog import OptionalDate, problems_label
from rooted_desktop.ui.errors import show_problems

NO_SCORES_NOTE = "No scores are stored: TPOT/TPITOS scores are never shared with providers."


@dataclass(frozen=True)
class ProviderChoice:
    """A provider the coach may pick, with the tool their age group calls for."""

    id: int
    name: str
    tool: str


class ObservationDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        providers: list[ProviderChoice],
        record: ObservationRecord | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._providers = list(providers)
        self.setWindowTitle("Edit observation" if record else "New observation")
        self.setMinimumWidth(540)

        self.provider = QComboBox()
        self.provider.setAccessibleName("Provider")
        if record is not None and record.provider_id not in {p.id for p in providers}:
            self._providers.append(ProviderChoice(record.provider_id, record.provider_name, ""))
        for choice in self._providers:
            self.provider.addItem(choice.name, choice.id)
        self.tool = QComboBox()
        self.tool.setAccessibleName("Tool")
        self.tool.addItems(list(OBSERVATION_TOOLS))
        self.observer = QLineEdit()
        self.observer.setAccessibleName("Observer")
        self.observer.setPlaceholderText("The TPOT or TPITOS observer's name")
        self.scheduled = OptionalDate("Sc&heduled on:", "Scheduled on", today)
        self.has_time = QCheckBox("Start ti&me:")
        self.has_time.setAccessibleName("Has a start time")
        self.start_time = QTimeEdit(QTime(9, 0))
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setAccessibleName("Start time")
        self.start_time.setEnabled(False)
        self.has_time.toggled.connect(self.start_time.setEnabled)
        self.completed = OptionalDate("&Completed on:", "Completed on", today)
        self.debrief = OptionalDate("&Debrief on:", "Debrief on", today)
        self.strengths = self._text_box("Debrief strengths (coach-only)")
        self.next_steps = self._text_box("Debrief next steps (coach-only)")
        self.note = QLabel(NO_SCORES_NOTE)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("About scores")

        form = QFormLayout()
        form.addRow("&Provider:", self.provider)
        form.addRow("&Tool:", self.tool)
        form.addRow("&Observer:", self.observer)
        self.scheduled.add_to(form)
        form.addRow(self.has_time, self.start_time)
        self.completed.add_to(form)
        self.debrief.add_to(form)
        form.addRow("Debrief st&rengths (coach-only):", self.strengths)
        form.addRow("Debrief &next steps (coach-only):", self.next_steps)
        self.problems = problems_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

        if record is not None:
            self.provider.setCurrentIndex(self.provider.findData(record.provider_id))
            self.tool.setCurrentText(record.tool)
            self.observer.setText(record.observer)
            self.scheduled.set_value(record.scheduled_on)
            if record.start_time is not None:
                self.start_time.setTime(QTime(record.start_time.hour, record.start_time.minute))
            self.has_time.setChecked(record.start_time is not None)
            self.completed.set_value(record.completed_on)
            self.debrief.set_value(record.debrief_on)
            self.strengths.setPlainText(record.debrief_strengths)
            self.next_steps.setPlainText(record.debrief_next_steps)
        else:
            self._default_tool()
            self.provider.currentIndexChanged.connect(lambda _i: self._default_tool())
        self.provider.setFocus()

    @staticmethod
    def _text_box(name: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setTabChangesFocus(True)
        box.setFixedHeight(70)
        box.setAccessibleName(name)
        return box

    def _default_tool(self) -> None:
        index = self.provider.currentIndex()
        if 0 <= index < len(self._providers) and self._providers[index].tool:
            self.tool.setCurrentText(self._providers[index].tool)

    def value(self) -> ObservationInput:
        start: time | None = None
        if self.has_time.isChecked() and self.scheduled.value() is not None:
            start = self.start_time.time().toPython()  # type: ignore[assignment]
        return ObservationInput(
            provider_id=int(self.provider.currentData() or 0),
            tool=self.tool.currentText(),
            observer=self.observer.text(),
            scheduled_on=self.scheduled.value(),
            start_time=start,
            completed_on=self.completed.value(),
            debrief_on=self.debrief.value(),
            debrief_strengths=self.strengths.toPlainText(),
            debrief_next_steps=self.next_steps.toPlainText(),
        ).cleaned()

    def show_problems(self, problems: list[str]) -> None:
        show_problems(self.problems, problems)

    def accept(self) -> None:
        problems = validate_observation(self.value(), today=self._today)
        if self.provider.currentIndex() < 0:
            self.show_problems(["choose a provider"])
            self.provider.setFocus()
            return
        if problems:
            self.show_problems([p.message for p in problems])
            fields: dict[str, QWidget] = {
                "observer": self.observer,
                "completed_on": self.completed.edit,
                "debrief_on": self.debrief.edit,
                "debrief_strengths": self.strengths,
                "debrief_next_steps": self.next_steps,
            }
            widget = fields.get(problems[0].field, self.tool)
            (widget if widget.isEnabled() else self.tool).setFocus()
            return
        super().accept()
