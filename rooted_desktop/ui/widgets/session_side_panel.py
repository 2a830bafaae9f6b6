"""Beside the session form: the last joint plan, open action steps, this month's dosage."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.dosage import Dosage
from rooted_desktop.core.records import OpenStep


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextFormat(label.textFormat().RichText)
    return label


class SessionSidePanel(QWidget):
    action_plan_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(260)
        self.plan = _label("Last joint plan")
        self.steps = _label("Open action steps")
        self.dosage_text = _label("Dosage this month")
        self.dosage_bar = QProgressBar()
        self.dosage_bar.setAccessibleName("Minutes this month")
        self.dosage_bar.setTextVisible(True)
        self.plan_button = QPushButton("Review the &action plan…")
        self.plan_button.setToolTip("Update goals and steps with the provider")
        self.plan_button.clicked.connect(self.action_plan_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for title, widgets in (
            ("Last joint plan", (self.plan,)),
            ("Open action steps", (self.steps, self.plan_button)),
            ("Coaching this month", (self.dosage_bar, self.dosage_text)),
        ):
            group = QGroupBox(title)
            column = QVBoxLayout(group)
            for widget in widgets:
                column.addWidget(widget)
            layout.addWidget(group)
        layout.addStretch(1)

    def show_nothing(self) -> None:
        for label in (self.plan, self.steps, self.dosage_text):
            label.setText("<i>Choose a provider to see their plan and this month's minutes.</i>")
        self.dosage_bar.hide()
        self.plan_button.setEnabled(False)

    def show(  # type: ignore[override]
        self, *, last_plan: tuple[date, str] | None, open_steps: list[OpenStep], dosage: Dosage
    ) -> None:
        if last_plan is None:
            self.plan.setText("<i>No joint plan written yet.</i>")
        else:
            day, text = last_plan
            self.plan.setText(
                f"<b>{day:%b} {day.day}, {day.year}</b><br>{escape(text).replace(chr(10), '<br>')}"
            )
        if not open_steps:
            self.steps.setText("<i>No open action steps.</i>")
        else:
            items = []
            for step in open_steps[:8]:
                due = (
                    f" — by {step.target_date:%b} {step.target_date.day}"
                    if step.target_date
                    else ""
                )
                items.append(f"<li>{escape(step.step)} <i>({step.status.label}{due})</i></li>")
            more = f"<i>and {len(open_steps) - 8} more</i>" if len(open_steps) > 8 else ""
            self.steps.setText(f"<ul style='margin-left:-20px'>{''.join(items)}</ul>{more}")
        self.plan_button.setEnabled(True)
        self.dosage_bar.show()
        self.dosage_bar.setRange(0, dosage.target)
        self.dosage_bar.setValue(min(dosage.done_minutes, dosage.target))
        self.dosage_bar.setFormat(f"{dosage.done_minutes} of {dosage.target} min")
        lines = [f"{dosage.month.label}: <b>{dosage.status.label}</b> — {dosage.pace.label}"]
        if dosage.scheduled_minutes:
            lines.append(f"{dosage.scheduled_minutes} min more planned")
        if dosage.pace.is_warning:
            lines.append(f"<b>⚠ {dosage.missing_minutes} min still needed</b>")
        self.dosage_text.setText("<br>".join(lines))
