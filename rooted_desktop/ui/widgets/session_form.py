"""The session form's fields: the agenda's sections, the strategies, the record fields.

It lays itself out and reads and writes its values; deciding what to do with them is the
window's job. ``payload()``/``load_payload()`` are what autosave keeps in a draft.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.records import ProviderRecord, SectionNote
from rooted_desktop.core.sessions import MAX_MINUTES, SESSION_TEXT_FIELDS, SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.guide.agenda import AgendaSection, Strategy

DEFAULT_MINUTES = 60
FIELD_TITLES = {
    "focus": "Focus practices",
    "strengths": "Strengths",
    "next_steps": "Next steps",
    "joint_plan": "Joint plan until the next visit",
}
PHASE_TITLES = {"observation": "During observation", "meeting": "During the meeting",
                "follow-up": "Follow-up"}  # fmt: skip


def _text_box(name: str, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)  # Tab moves on; typing stays plain text
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(70)
    return box


class SessionForm(QWidget):
    edited = Signal()

    def __init__(
        self,
        providers: list[ProviderRecord],
        sections: tuple[AgendaSection, ...],
        strategies: tuple[Strategy, ...],
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.sections = sections
        self.provider = QComboBox()
        self.provider.setAccessibleName("Provider")
        self.provider.addItem("Choose a provider…", None)
        for record in providers:
            self.provider.addItem(record.name + ("" if record.active else " (inactive)"), record.id)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd MMM d, yyyy")
        self.day.setAccessibleName("Date")
        self.start = QTimeEdit()
        self.start.setDisplayFormat("h:mm AP")
        self.start.setAccessibleName("Start time")
        self.has_start = QCheckBox("Start &time:")
        self.has_start.setChecked(True)
        self.has_start.toggled.connect(self.start.setEnabled)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 999)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes")
        self.minutes.setToolTip(f"Length of the conversation, 1 to {MAX_MINUTES} minutes")
        self.mode = QComboBox()
        self.mode.setAccessibleName("Mode")
        for mode in Mode:
            self.mode.addItem(mode.label, mode.value)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for status in SessionStatus:
            self.status.addItem(status.label, status.value)
        self.in_cms = QCheckBox("Entered in &CMS on:")
        self.cms_date = QDateEdit()
        self.cms_date.setCalendarPopup(True)
        self.cms_date.setDisplayFormat("MMM d, yyyy")
        self.cms_date.setAccessibleName("Entered in CMS on")
        self.cms_date.setEnabled(False)
        self.in_cms.toggled.connect(self.cms_date.setEnabled)

        header = QFormLayout()
        header.addRow("&Provider:", self.provider)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addSpacing(12)
        when.addWidget(self.has_start)
        when.addWidget(self.start)
        when.addSpacing(12)
        minutes_label = QLabel("&Minutes:")
        minutes_label.setBuddy(self.minutes)
        when.addWidget(minutes_label)
        when.addWidget(self.minutes)
        when.addStretch(1)
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.day)
        header.addRow(date_label, when)
        how = QHBoxLayout()
        how.addWidget(self.mode)
        status_label = QLabel("&Status:")
        status_label.setBuddy(self.status)
        how.addSpacing(12)
        how.addWidget(status_label)
        how.addWidget(self.status)
        how.addSpacing(12)
        how.addWidget(self.in_cms)
        how.addWidget(self.cms_date)
        how.addStretch(1)
        mode_label = QLabel("M&ode:")
        mode_label.setBuddy(self.mode)
        header.addRow(mode_label, how)
        self.minutes_problem = QLabel()
        self.minutes_problem.setAccessibleName("Minutes problem")
        self.minutes_problem.setStyleSheet("font-weight: bold")
        self.minutes_problem.hide()
        header.addRow("", self.minutes_problem)

        layout = QVBoxLayout(self)
        layout.addLayout(header)

        # One box per agenda section, in the agenda's order; a section bound to a session
        # field edits that field. Fields no section binds follow the agenda.
        self.section_boxes: dict[str, QPlainTextEdit] = {}
        self.field_boxes: dict[str, QPlainTextEdit] = {}
        for section in sections:
            box = _text_box(section.title, section.prompt)
            self.section_boxes[section.key] = box
            if section.field:
                self.field_boxes[section.field] = box
            shared = section.shareable or bool(section.field)
            layout.addWidget(self._titled(section.title, section.prompt, box, shared=shared))
        for name in SESSION_TEXT_FIELDS:
            if name not in self.field_boxes:
                box = _text_box(FIELD_TITLES[name])
                self.field_boxes[name] = box
                layout.addWidget(self._titled(FIELD_TITLES[name], "", box, shared=True))

        self.strategy_boxes: dict[str, QCheckBox] = {}
        strategies_group = QGroupBox("Coaching strategies used")
        grid = QGridLayout(strategies_group)
        for column, phase in enumerate(PHASE_TITLES):
            heading = QLabel(f"<b>{PHASE_TITLES[phase]}</b>")
            grid.addWidget(heading, 0, column)
            row = 1
            for strategy in strategies:
                if strategy.phase != phase:
                    continue
                check = QCheckBox(strategy.label)
                check.setAccessibleName(f"{PHASE_TITLES[phase]}: {strategy.label}")
                self.strategy_boxes[strategy.key] = check
                grid.addWidget(check, row, column)
                row += 1
        layout.addWidget(strategies_group)

        coach_group = QGroupBox("Coach-only notes — never shared with the provider")
        coach_group.setAccessibleName("Coach-only notes section")
        self.coach_notes = _text_box(
            "Coach-only notes", "Private notes for you and your supervisor"
        )
        QVBoxLayout(coach_group).addWidget(self.coach_notes)
        layout.addWidget(coach_group)

        for signal in (
            self.provider.currentIndexChanged, self.day.dateChanged, self.start.timeChanged,
            self.has_start.toggled, self.minutes.valueChanged, self.mode.currentIndexChanged,
            self.status.currentIndexChanged, self.in_cms.toggled, self.cms_date.dateChanged,
            self.coach_notes.textChanged,
            *(box.textChanged for box in self.section_boxes.values()),
            *(box.textChanged for box in self.field_boxes.values()),
            *(check.toggled for check in self.strategy_boxes.values()),
        ):  # fmt: skip
            # Signal to signal, in C++: with PySide6 6.12 on Python 3.11 every Python-side
            # .emit() drops a reference to True, and after some thousand keystrokes the
            # interpreter aborts ("bool_dealloc: deallocating True or False").
            signal.connect(self.edited)
        self.minutes.valueChanged.connect(self._check_minutes)

    @staticmethod
    def _titled(title: str, prompt: str, box: QPlainTextEdit, *, shared: bool) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 6, 0, 0)
        heading = QLabel(f"<b>{title}</b>" + ("" if shared else " <i>(not shared)</i>"))
        heading.setBuddy(box)
        column.addWidget(heading)
        if prompt:
            hint = QLabel(prompt)
            hint.setWordWrap(True)
            hint.setEnabled(False)  # the palette's muted text, in light and dark themes
            column.addWidget(hint)
            box.setAccessibleDescription(prompt)
        column.addWidget(box)
        return holder

    def _check_minutes(self, value: int) -> None:
        if 1 <= value <= MAX_MINUTES:
            self.minutes_problem.hide()
        else:
            self.minutes_problem.setText(
                f"Minutes must be between 1 and {MAX_MINUTES} (8 hours); {value} is not."
            )
            self.minutes_problem.show()

    def load_defaults(self, day: date) -> None:
        """A new session: an hour at nine, in person; completed if the day has come."""
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.start.setTime(QTime(9, 0))
        self.minutes.setValue(DEFAULT_MINUTES)
        status = SessionStatus.PLANNED if day > self.today else SessionStatus.COMPLETED
        self.status.setCurrentIndex(self.status.findData(status.value))
        cms_day = max(day, self.today)
        self.cms_date.setDate(QDate(cms_day.year, cms_day.month, cms_day.day))

    # -- values -------------------------------------------------------------------------
    def set_provider(self, provider_id: int | None) -> None:
        index = self.provider.findData(provider_id)
        self.provider.setCurrentIndex(max(index, 0))

    def provider_id(self) -> int | None:
        data = self.provider.currentData()
        return int(data) if data is not None else None

    def value(self) -> SessionInput:
        notes = tuple(
            SectionNote(
                s.key,
                s.title,
                s.prompt,
                s.field,
                s.shareable,
                self.section_boxes[s.key].toPlainText(),
            )
            for s in self.sections
        )
        texts = {name: box.toPlainText() for name, box in self.field_boxes.items()}
        return SessionInput(
            provider_id=self.provider_id(),
            day=self.day.date().toPython(),  # type: ignore[arg-type]
            start_time=self.start.time().toPython() if self.has_start.isChecked() else None,  # type: ignore[arg-type]
            minutes=self.minutes.value(),
            mode=Mode(self.mode.currentData()),
            status=SessionStatus(self.status.currentData()),
            sections=notes,
            strategies=tuple(k for k, check in self.strategy_boxes.items() if check.isChecked()),
            focus=texts["focus"],
            strengths=texts["strengths"],
            next_steps=texts["next_steps"],
            joint_plan=texts["joint_plan"],
            coach_notes=self.coach_notes.toPlainText(),
            cms_entered_on=self.cms_date.date().toPython() if self.in_cms.isChecked() else None,  # type: ignore[arg-type]
        )

    def load(self, data: SessionInput) -> None:
        self.set_provider(data.provider_id)
        if data.day is not None:
            self.day.setDate(QDate(data.day.year, data.day.month, data.day.day))
        self.has_start.setChecked(data.start_time is not None)
        if data.start_time is not None:
            self.start.setTime(QTime(data.start_time.hour, data.start_time.minute))
        self.minutes.setValue(data.minutes or 0)
        self.mode.setCurrentIndex(self.mode.findData(data.mode.value))
        self.status.setCurrentIndex(self.status.findData(data.status.value))
        self.in_cms.setChecked(data.cms_entered_on is not None)
        # Unticked, the date waits at today (or the session day): the likely entry date.
        cms_day = data.cms_entered_on or max(self.today, data.day or self.today)
        self.cms_date.setDate(QDate(cms_day.year, cms_day.month, cms_day.day))
        by_key = {note.key: note.text for note in data.sections}
        for section in self.sections:
            if not section.field:
                self.section_boxes[section.key].setPlainText(by_key.get(section.key, ""))
        for name, box in self.field_boxes.items():
            box.setPlainText(getattr(data, name))
        for key, check in self.strategy_boxes.items():
            check.setChecked(key in data.strategies)
        self.coach_notes.setPlainText(data.coach_notes)

    def payload(self) -> dict[str, Any]:
        """The form as JSON-safe values, for a draft."""
        data = self.value()
        return {
            "provider_id": data.provider_id,
            "day": data.day.isoformat() if data.day else None,
            "start_time": data.start_time.strftime("%H:%M") if data.start_time else None,
            "minutes": data.minutes,
            "mode": data.mode.value,
            "status": data.status.value,
            "sections": {note.key: note.text for note in data.sections if not note.field},
            "strategies": list(data.strategies),
            **{name: getattr(data, name) for name in SESSION_TEXT_FIELDS},
            "coach_notes": data.coach_notes,
            "cms_entered_on": data.cms_entered_on.isoformat() if data.cms_entered_on else None,
        }

    def load_payload(self, payload: dict[str, Any]) -> None:
        notes = tuple(
            SectionNote(
                s.key,
                s.title,
                s.prompt,
                s.field,
                s.shareable,
                str(payload.get("sections", {}).get(s.key, "")),
            )
            for s in self.sections
        )
        start = payload.get("start_time")
        cms = payload.get("cms_entered_on")
        day = payload.get("day")
        self.load(
            SessionInput(
                provider_id=payload.get("provider_id"),
                day=date.fromisoformat(day) if day else None,
                start_time=time.fromisoformat(start) if start else None,
                minutes=int(payload.get("minutes") or 0),
                mode=Mode(payload.get("mode", Mode.IN_PERSON.value)),
                status=SessionStatus(payload.get("status", SessionStatus.COMPLETED.value)),
                sections=notes,
                strategies=tuple(payload.get("strategies", ())),
                coach_notes=str(payload.get("coach_notes", "")),
                cms_entered_on=date.fromisoformat(cms) if cms else None,
                **{name: str(payload.get(name, "")) for name in SESSION_TEXT_FIELDS},
            )
        )
