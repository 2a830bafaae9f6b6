"""Add or edit a provider. Problems are shown in the dialog, naming the field, before saving."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput, validate_provider
from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.core.vocab import AgeGroup, Setting
from rooted_desktop.ui import errors


class ProviderDialog(QDialog):
    def __init__(self, parent: QWidget | None, provider: ProviderRecord | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit provider" if provider else "New provider")
        self.setMinimumWidth(480)

        self.name = QLineEdit()
        self.site = QLineEdit()
        self.site.setPlaceholderText("Program or center name, town")
        self.setting = QComboBox()
        for setting in Setting:
            self.setting.addItem(setting.label, setting.value)
        self.age_group = QComboBox()
        for group in AgeGroup:
            self.age_group.addItem(group.label, group.value)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Only you see these notes; they never print for providers.")
        self.notes.setFixedHeight(90)

        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Site:", self.site)
        form.addRow("Se&tting:", self.setting)
        form.addRow("&Age group:", self.age_group)
        form.addRow("&Email:", self.email)
        form.addRow("&Phone:", self.phone)
        form.addRow("Coach-only &notes:", self.notes)
        for field, name in (
            (self.name, "Name"),
            (self.site, "Site"),
            (self.setting, "Setting"),
            (self.age_group, "Age group"),
            (self.email, "Email"),
            (self.phone, "Phone"),
            (self.notes, "Coach-only notes"),
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

        if provider is not None:
            self.name.setText(provider.name)
            self.site.setText(provider.site)
            self.setting.setCurrentIndex(self.setting.findData(provider.setting.value))
            self.age_group.setCurrentIndex(self.age_group.findData(provider.age_group.value))
            self.email.setText(provider.email)
            self.phone.setText(provider.phone)
            self.notes.setPlainText(provider.notes)
        self.name.setFocus()

    def value(self) -> ProviderInput:
        return ProviderInput(
            name=self.name.text(),
            site=self.site.text(),
            setting=str(self.setting.currentData()),
            age_group=str(self.age_group.currentData()),
            email=self.email.text(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
        ).cleaned()

    def show_problems(self, problems: list[str]) -> None:
        """Show what is wrong (text, not colour alone) and keep the dialog open."""
        errors.show_problems(self.problems, problems)

    def show_error(self, error: UserError) -> None:
        """The store refused: the fields to fix, or why nothing could be saved (a full disk)."""
        if error.details:
            self.show_problems([d.partition(": ")[2] or d for d in error.details])
        else:
            self.problems.setText(f"Not saved: {error.message}")
            self.problems.show()

    def accept(self) -> None:
        problems = validate_provider(self.value())
        if problems:
            self.show_problems([p.message for p in problems])
            fields = {"name": self.name, "email": self.email, "site": self.site}
            widget = fields.get(problems[0].field)
            if widget is not None:
                widget.setFocus()
            return
        super().accept()
