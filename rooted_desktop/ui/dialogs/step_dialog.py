"""The small editors the action-plan window opens: a goal's words, and one step."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.action_plans import StepInput, validate_step
from rooted_desktop.core.records import StepRecord
from rooted_desktop.ui import errors


def ask_goal(parent: QWidget | None, title: str, text: str = "") -> str | None:
    """Ask for a goal's words; None when the coach cancels."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(480)
    edit = QLineEdit(text)
    edit.setAccessibleName("Goal")
    edit.setPlaceholderText("What the provider wants to do, in their words")
    form = QFormLayout(dialog)
    form.addRow("&Goal:", edit)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    edit.setFocus()
    return edit.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


class StepDialog(QDialog):
    """Add or edit a step. Problems are shown in the dialog, naming the field."""

    def __init__(self, parent: QWidget | None, step: StepRecord | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit step" if step else "New step")
        self.setMinimumWidth(520)
        self.step = self._text_box(60)
        self.resources = self._text_box(60)
        self.who = QLineEdit()
        self.who.setPlaceholderText("Provider, coach, assistant teacher…")
        self.done_looks_like = self._text_box(60)
        self.has_target = QCheckBox("&Target date:")
        self.target = QDateEdit()
        self.target.setCalendarPopup(True)
        self.target.setDisplayFormat("ddd MMM d, yyyy")
        self.has_target.toggled.connect(self.target.setEnabled)

        form = QFormLayout()
        form.addRow("&Step:", self.step)
        form.addRow("&Resources / materials:", self.resources)
        form.addRow("&Who:", self.who)
        form.addRow("What &done looks like:", self.done_looks_like)
        form.addRow(self.has_target, self.target)
        for field, name in (
            (self.step, "Step"),
            (self.resources, "Resources / materials"),
            (self.who, "Who"),
            (self.done_looks_like, "What done looks like"),
            (self.has_target, "Has a target date"),
            (self.target, "Target date"),
        ):
            field.setAccessibleName(name)

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setStyleSheet("font-weight: bold")
        self.problems.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

        target = date.today() + timedelta(days=30)
        if step is not None:
            self.step.setPlainText(step.step)
            self.resources.setPlainText(step.resources)
            self.who.setText(step.who)
            self.done_looks_like.setPlainText(step.done_looks_like)
            target = step.target_date or target
        self.target.setDate(QDate(target.year, target.month, target.day))
        self.has_target.setChecked(step is not None and step.target_date is not None)
        self.target.setEnabled(self.has_target.isChecked())
        self.step.setFocus()

    @staticmethod
    def _text_box(height: int) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setTabChangesFocus(True)
        box.setFixedHeight(height)
        return box

    def value(self) -> StepInput:
        target: date | None = None
        if self.has_target.isChecked():
            target = self.target.date().toPython()  # type: ignore[assignment]
        return StepInput(
            step=self.step.toPlainText(),
            resources=self.resources.toPlainText(),
            who=self.who.text(),
            done_looks_like=self.done_looks_like.toPlainText(),
            target_date=target,
        ).cleaned()

    def show_problems(self, problems: list[str]) -> None:
        """Show what is wrong (text, not colour alone) and keep the dialog open."""
        errors.show_problems(self.problems, problems)

    def accept(self) -> None:
        problems = validate_step(self.value())
        if problems:
            self.show_problems([p.message for p in problems])
            fields = {"step": self.step, "resources": self.resources, "who": self.who}
            fields.get(problems[0].field, self.done_looks_like).setFocus()
            return
        super().accept()
