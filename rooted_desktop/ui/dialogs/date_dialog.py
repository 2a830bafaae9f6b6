"""Ask the coach for one date (a calendar pops up; the keyboard works too)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QWidget


def ask_date(parent: QWidget | None, title: str, label: str, default: date) -> date | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QDateEdit(QDate(default.year, default.month, default.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd MMM d, yyyy")
    edit.setAccessibleName(label.replace("&", "").rstrip(":"))
    form = QFormLayout(dialog)
    form.addRow(label, edit)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen: date = edit.date().toPython()  # type: ignore[assignment]
    return chosen
