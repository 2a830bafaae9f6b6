"""Settings: the coach's profile and the agenda template (an editable copy of the built-in)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.records import CoachRecord
from rooted_desktop.guide.agenda import (
    AgendaTemplate,
    with_section_added,
    with_section_moved,
    with_section_removed,
    with_section_renamed,
)
from rooted_desktop.services.agenda import AgendaService
from rooted_desktop.services.profile import ProfileService
from rooted_desktop.ui.errors import show_user_error

FIELD_NOTES = {
    "focus": "fills the session's Focus practices",
    "strengths": "fills the session's Strengths",
    "next_steps": "fills the session's Next steps",
    "joint_plan": "fills the session's Joint plan",
}


class AgendaEditor(QWidget):
    """Add, rename, reorder and remove the agenda's sections; changes apply on Save."""

    def __init__(self, agenda: AgendaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._agenda = agenda
        self.template: AgendaTemplate = agenda.current()
        self.sections = QListWidget()
        self.sections.setAccessibleName("Agenda sections")
        self.title = QLineEdit()
        self.title.setAccessibleName("Section title")
        self.prompt = QPlainTextEdit()
        self.prompt.setAccessibleName("Section prompt")
        self.prompt.setTabChangesFocus(True)
        self.prompt.setFixedHeight(80)
        self.agenda_prompt = QLineEdit()
        self.agenda_prompt.setAccessibleName("Line printed on the provider's agenda")
        self.agenda_prompt.setPlaceholderText("Addressed to the provider; empty: the title alone")
        self.binding = QLabel()
        self.binding.setWordWrap(True)
        self.binding.setAccessibleName("What the section fills")
        self.add_button = QPushButton("&Add section…")
        self.remove_button = QPushButton("&Remove")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        self.restore_button = QPushButton("Restore the &built-in agenda")

        intro = QLabel(
            "The agenda drives the printed pre-visit agenda and the session form. Sessions "
            "already written keep the sections they were written with."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Prompt (form):", self.prompt)
        form.addRow("On the printed a&genda:", self.agenda_prompt)
        form.addRow("", self.binding)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        row = QHBoxLayout()
        row.addWidget(self.sections, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addLayout(form)

        self.sections.currentRowChanged.connect(self._show_selected)
        self.title.editingFinished.connect(self._rename)
        self.prompt.textChanged.connect(self._rename)
        self.agenda_prompt.editingFinished.connect(self._rename)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.restore_button.clicked.connect(self._restore)
        self._fill(0)

    def _fill(self, row: int) -> None:
        self.sections.blockSignals(True)
        self.sections.clear()
        for section in self.template.sections:
            self.sections.addItem(section.title)
        self.sections.blockSignals(False)
        self.sections.setCurrentRow(min(row, len(self.template.sections) - 1))
        self._show_selected(self.sections.currentRow())

    def _selected_key(self) -> str | None:
        row = self.sections.currentRow()
        return self.template.sections[row].key if 0 <= row < len(self.template.sections) else None

    def _show_selected(self, row: int) -> None:
        if not 0 <= row < len(self.template.sections):
            return
        section = self.template.sections[row]
        editors = (self.title, self.prompt, self.agenda_prompt)
        for widget in editors:
            widget.blockSignals(True)
        self.title.setText(section.title)
        self.prompt.setPlainText(section.prompt)
        self.agenda_prompt.setText(section.agenda_prompt)
        for widget in editors:
            widget.blockSignals(False)
        if section.field:
            self.binding.setText(
                f"This section {FIELD_NOTES[section.field]}; shared with the provider."
            )
        elif section.shareable:
            self.binding.setText("Free notes, shared with the provider.")
        else:
            self.binding.setText("Free notes, for you only (not shared with the provider).")
        self.remove_button.setEnabled(len(self.template.sections) > 1)

    def _apply(self, template: AgendaTemplate, row: int) -> None:
        self.template = template
        self._fill(row)

    def _rename(self) -> None:
        key = self._selected_key()
        if key is None or not self.title.text().strip():
            return
        row = self.sections.currentRow()
        try:
            self.template = with_section_renamed(
                self.template,
                key,
                self.title.text().strip(),
                self.prompt.toPlainText().strip(),
                self.agenda_prompt.text().strip(),
            )
        except UserError:
            return
        self.sections.item(row).setText(self.title.text().strip())

    def _add(self) -> None:
        title, ok = QInputDialog.getText(self, "Add a section", "Title of the new section:")
        if ok and title.strip():
            self._apply(
                with_section_added(self.template, title.strip()), len(self.template.sections)
            )

    def _remove(self) -> None:
        key = self._selected_key()
        if key is not None and len(self.template.sections) > 1:
            row = self.sections.currentRow()
            self._apply(with_section_removed(self.template, key), max(0, row - 1))

    def _move(self, offset: int) -> None:
        key = self._selected_key()
        if key is not None:
            row = self.sections.currentRow()
            self._apply(with_section_moved(self.template, key, offset), row + offset)

    def _restore(self) -> None:
        self._apply(self._agenda.builtin(), 0)

    def save(self) -> None:
        if self.template == self._agenda.builtin():
            self._agenda.restore_builtin()
        elif self.template != self._agenda.current():
            self._agenda.save(self.template)


class ProfileEditor(QWidget):
    def __init__(self, profile: CoachRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name, label in (
            ("name", "&Your name:"),
            ("email", "&Email:"),
            ("phone", "P&hone:"),
            ("organization", "&Community or agency:"),
            ("region", "Re&gion:"),
            ("supervisor", "&Supervisor:"),
        ):
            edit = QLineEdit(getattr(profile, name))
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.fields[name] = edit
            form.addRow(label, edit)
        note = QLabel("Your name signs feedback emails and heads printed documents.")
        note.setWordWrap(True)
        form.addRow("", note)

    def value(self) -> CoachRecord:
        return CoachRecord(**{name: edit.text().strip() for name, edit in self.fields.items()})


class SettingsDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, agenda: AgendaService, profile: ProfileService
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.resize(720, 560)
        self._profile = profile
        self.profile_editor = ProfileEditor(profile.get())
        self.agenda_editor = AgendaEditor(agenda)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.profile_editor, "&Coach")
        self.tabs.addTab(self.agenda_editor, "&Agenda template")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self._profile.save(self.profile_editor.value())
            self.agenda_editor.save()
        except UserError as error:
            show_user_error(self, error, title="Settings not saved")
            return
        super().accept()
