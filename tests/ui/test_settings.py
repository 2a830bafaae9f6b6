"""Settings: the coach's profile and the editable agenda template."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.records import CoachRecord
from rooted_desktop.ui.dialogs.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot: Any, services: Any) -> SettingsDialog:
    d = SettingsDialog(None, services.agenda, services.profile)
    qtbot.addWidget(d)
    return d


def test_profile_is_saved(dialog: SettingsDialog, services: Any, qtbot: Any) -> None:
    qtbot.keyClicks(dialog.profile_editor.fields["name"], "Maya Lopez")
    dialog.profile_editor.fields["organization"].setText("Hall County — Grand Island")
    dialog.accept()
    assert services.profile.get().name == "Maya Lopez"
    assert services.coach_name() == "Maya Lopez"
    assert services.profile.get().organization == "Hall County — Grand Island"


def test_a_bad_email_is_refused_and_nothing_saved(
    dialog: SettingsDialog, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[UserError] = []
    monkeypatch.setattr(
        "rooted_desktop.ui.dialogs.settings_dialog.show_user_error",
        lambda parent, error, **k: shown.append(error),
    )
    dialog.profile_editor.fields["email"].setText("maya at example")
    dialog.accept()
    assert shown and "not an address" in shown[0].message
    assert services.profile.get() == CoachRecord()


def test_agenda_edits_apply_on_save_and_restore(
    dialog: SettingsDialog, services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = dialog.agenda_editor
    builtin = services.agenda.builtin()
    assert editor.sections.count() == len(builtin.sections)

    # rename the first section from the keyboard
    editor.sections.setCurrentRow(0)
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Welcome and check in")
    editor.title.editingFinished.emit()
    # and the line printed for the provider
    editor.agenda_prompt.clear()
    qtbot.keyClicks(editor.agenda_prompt, "How was your week?")
    editor.agenda_prompt.editingFinished.emit()
    # add one, move it up, remove the second-to-last
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Family partnership", True))
    editor.add_button.click()
    assert editor.sections.currentItem().text() == "Family partnership"
    editor.up_button.click()
    keys = [s.key for s in editor.template.sections]
    assert keys[-2:] == ["family-partnership", "next-visit"]
    assert services.agenda.current() == builtin  # nothing saved before Save

    dialog.accept()
    saved = services.agenda.current()
    assert services.agenda.is_customised()
    assert saved.sections[0].title == "Welcome and check in"
    assert saved.sections[0].agenda_prompt == "How was your week?"
    assert saved.sections[0].prompt == builtin.sections[0].prompt
    assert [s.key for s in saved.sections][-2:] == ["family-partnership", "next-visit"]

    again = SettingsDialog(None, services.agenda, services.profile)
    qtbot.addWidget(again)
    again.agenda_editor.restore_button.click()
    again.accept()
    assert not services.agenda.is_customised()
    assert services.agenda.current() == builtin


def test_the_last_section_cannot_be_removed(dialog: SettingsDialog) -> None:
    editor = dialog.agenda_editor
    while editor.sections.count() > 1:
        editor.remove_button.click()
    assert editor.sections.count() == 1
    assert not editor.remove_button.isEnabled()
