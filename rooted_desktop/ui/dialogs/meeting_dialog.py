"""Add or edit a Provider Collaboration Meeting (PCM).

Also the pieces the RC and training dialogs share: ``ProgramDialog`` (date, start, minutes,
problems shown in the dialog naming the field, Save/Cancel) and ``AttendeeList`` (active
providers as a checkable list; Space ticks the current one).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.program import MAX_MINUTES, MeetingInput, MeetingRecord, validate_meeting
from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.ui import errors
from rooted_desktop.ui.widgets.readable import checks_on_window

ProviderIdRole = Qt.ItemDataRole.UserRole + 1
COACH_ONLY_TIP = "Coach-only: never shown to providers or put in anything they see"


def text_box(name: str, height: int = 70, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    box.setPlaceholderText(placeholder)
    return box


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def coach_only(box: QPlainTextEdit) -> QPlainTextEdit:
    box.setToolTip(COACH_ONLY_TIP)
    return box


class AttendeeList(QListView):
    """Providers as a checkable list: active ones, and any inactive one already attending."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.setAccessibleName("Providers attending")
        self.setToolTip("Space ticks or unticks the provider")
        checks_on_window(self)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMinimumHeight(110)

    def set_providers(self, providers: Iterable[ProviderRecord], checked: Iterable[int]) -> None:
        chosen = set(checked)
        self.items.clear()
        for provider in providers:
            if not provider.active and provider.id not in chosen:
                continue
            item = QStandardItem(provider.name + ("" if provider.active else " (inactive)"))
            item.setData(provider.id, ProviderIdRole)
            item.setCheckable(True)
            item.setEditable(False)
            state = Qt.CheckState.Checked if provider.id in chosen else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self.items.appendRow(item)
        if self.items.rowCount():
            self.setCurrentIndex(self.items.index(0, 0))

    def _items(self) -> list[QStandardItem]:
        return [self.items.item(row) for row in range(self.items.rowCount())]

    def check(self, provider_id: int, checked: bool = True) -> None:
        for item in self._items():
            if item.data(ProviderIdRole) == provider_id:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(state)

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(
            int(item.data(ProviderIdRole))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        )


class ProgramDialog(QDialog):
    """A form with date, start and minutes; subclasses add their rows and ``value()``."""

    def __init__(self, parent: QWidget | None, title: str, *, today: date) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd MMM d, yyyy")
        self.day.setAccessibleName("Date")
        self.has_start = QCheckBox("Start &time:")
        self.day.setMinimumWidth(self.day.fontMetrics().horizontalAdvance("Wed Sep 30, 2026") + 48)
        self.has_start.setAccessibleName("Has a start time")
        self.start = QTimeEdit(QTime(9, 0))
        self.start.setDisplayFormat("h:mm AP")
        self.start.setAccessibleName("Start time")
        self.has_start.toggled.connect(self.start.setEnabled)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MAX_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setSpecialValueText("not set")
        self.minutes.setAccessibleName("Minutes")
        self.minutes.setToolTip(f"Length, 1 to {MAX_MINUTES} minutes; 0 leaves it unset")

        self.form = QFormLayout()
        self.form.addRow("&Date:", self.day)
        self.form.addRow(self.has_start, self.start)
        self.form.addRow("&Minutes:", self.minutes)

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setStyleSheet("font-weight: bold")
        self.problems.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {"date": self.day, "minutes": self.minutes}

    def add_row(self, label: str, widget: QWidget, field: str | None = None) -> None:
        self.form.addRow(label, widget)
        if field:
            self.fields[field] = widget
        self.order_tabs()

    def order_tabs(self) -> None:
        """Tab through the rows top to bottom, then the buttons.

        Rows added after the Save/Cancel buttons exist would otherwise come after them.
        """
        chain: list[QWidget] = []
        for row in range(self.form.rowCount()):
            for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                         QFormLayout.ItemRole.SpanningRole):  # fmt: skip
                item = self.form.itemAt(row, role)
                widget = item.widget() if item is not None else None
                if widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    chain.append(widget)
        # The buttons keep the order their box gave them (it follows the platform's layout).
        buttons = self.buttons.buttons()
        widget = self.buttons.nextInFocusChain()
        while widget in buttons:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_when(self, day: date, start: time | None, minutes: int | None) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.has_start.setChecked(start is not None)
        self.start.setEnabled(start is not None)
        if start is not None:
            self.start.setTime(QTime(start.hour, start.minute))
        self.minutes.setValue(minutes or 0)

    def when(self) -> tuple[date, time | None, int | None]:
        day: date = self.day.date().toPython()  # type: ignore[assignment]
        start: time | None = None
        if self.has_start.isChecked():
            start = self.start.time().toPython()  # type: ignore[assignment]
            start = start.replace(second=0, microsecond=0) if start else None
        return day, start, (self.minutes.value() or None)

    def value(self) -> Any:
        """The typed input (MeetingInput, ConsultationInput or TrainingInput), cleaned."""
        raise NotImplementedError

    def problems_of_value(self) -> list[FieldProblem]:
        raise NotImplementedError

    def show_problems(self, problems: list[str]) -> None:
        """Show what is wrong (text, not colour alone) and keep the dialog open."""
        errors.show_problems(self.problems, problems)

    def accept(self) -> None:
        problems = self.problems_of_value()
        if problems:
            self.show_problems([p.message for p in problems])
            self.fields.get(problems[0].field, self.day).setFocus()
            return
        super().accept()


class MeetingDialog(ProgramDialog):
    def __init__(
        self,
        parent: QWidget | None,
        providers: list[ProviderRecord],
        record: MeetingRecord | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(parent, "Edit PCM" if record else "New PCM", today=today)
        self.held = QCheckBox("&Held (it took place)")
        self.held.setAccessibleName("Held")
        self.topic = line_edit("Topic", "What the meeting is about")
        self.facilitator = line_edit("Facilitator", "Who leads it")
        self.location = line_edit("Location")
        self.attendees = AttendeeList()
        self.next_topic_ideas = text_box("Ideas for the next topic", 60)
        self.next_facilitator = line_edit("Next facilitator")
        self.debrief_notes = coach_only(
            text_box("Debrief notes, coach-only", 80, "Your debrief with the other coaches")
        )
        self.add_row("", self.held, "held")
        self.add_row("T&opic:", self.topic, "topic")
        self.add_row("&Facilitator:", self.facilitator, "facilitator")
        self.add_row("&Location:", self.location, "location")
        self.add_row("Providers &attending:", self.attendees, "attendees")
        self.add_row("&Ideas for the next topic:", self.next_topic_ideas, "next_topic_ideas")
        self.add_row("&Next facilitator:", self.next_facilitator, "next_facilitator")
        self.add_row("De&brief notes (coach-only):", self.debrief_notes, "debrief_notes")

        if record is None:
            self.set_when(today, None, None)
            self.attendees.set_providers(providers, ())
        else:
            self.set_when(record.day, record.start, record.minutes)
            self.held.setChecked(record.held)
            self.topic.setText(record.topic)
            self.facilitator.setText(record.facilitator)
            self.location.setText(record.location)
            self.attendees.set_providers(providers, record.attendee_ids)
            self.next_topic_ideas.setPlainText(record.next_topic_ideas)
            self.next_facilitator.setText(record.next_facilitator)
            self.debrief_notes.setPlainText(record.debrief_notes)
        self.topic.setFocus()

    def value(self) -> MeetingInput:
        day, start, minutes = self.when()
        return MeetingInput(
            day=day,
            start=start,
            minutes=minutes,
            held=self.held.isChecked(),
            topic=self.topic.text(),
            facilitator=self.facilitator.text(),
            location=self.location.text(),
            next_topic_ideas=self.next_topic_ideas.toPlainText(),
            debrief_notes=self.debrief_notes.toPlainText(),
            next_facilitator=self.next_facilitator.text(),
            attendee_ids=self.attendees.checked_ids(),
        ).cleaned()

    def problems_of_value(self) -> list[FieldProblem]:
        return validate_meeting(self.value(), today=self.today)
