"""Every menu action a coach needs is there, with its standard shortcut, and does its job."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from rooted_desktop.core.calendar import ProgramYear
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.paths import Paths
from rooted_desktop.ui.dialogs.settings_dialog import SettingsDialog
from rooted_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any, services: Any, paths: Paths) -> MainWindow:
    win = MainWindow(services, paths)
    qtbot.addWidget(win)
    return win


def actions(window: MainWindow) -> dict[str, QAction]:
    found = {}
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None:
            menu.aboutToShow.emit()
            for action in menu.actions():
                if action.text():
                    found[action.text()] = action
    return found


def test_the_menus_hold_every_action(window: MainWindow) -> None:
    found = actions(window)
    for text in (
        "&New session…", "New &session…", "New &provider…", "Import &roster (CSV)…",
        "Import sessio&ns (CSV)…", "Export sessions (&CSV)…", "Import everything (&JSON)…",
        "&Export everything (JSON)…", "&Quit", "&Find…", "&Settings…",
        "Program year 2026-27", "Start program year 2027-28…", "&About Rooted Desktop",
    ):  # fmt: skip
        assert text in found, f"{text} missing from the menus"
    assert found["&Quit"].shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    assert found["&Find…"].shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert found["&Settings…"].shortcut() == QKeySequence("Ctrl+,")


def test_settings_opens_the_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: opened.append(self.windowTitle()))
    window.menus.settings_action.trigger()
    assert opened == ["Settings"]


def test_start_and_switch_program_years(
    window: MainWindow, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = services.providers.add(ProviderInput(name="Ana", setting="center", age_group="preschool"))
    bo = services.providers.add(ProviderInput(name="Bo", setting="fcch", age_group="preschool"))
    services.providers.set_active(bo.id, False)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    actions(window)["Start program year 2027-28…"].trigger()
    assert services.years.current() == ProgramYear(2027)
    assert window.year_label.text() == "Program year 2027-28"
    assert services.years.years() == [ProgramYear(2026), ProgramYear(2027)]
    assert [p.id for p in services.providers.all(active_only=True)] == [ana.id]
    found = actions(window)
    assert found["Program year 2027-28"].isChecked()
    found["Program year 2026-27"].trigger()
    assert services.years.current() == ProgramYear(2026)
    assert services.years.current().contains(date(2026, 12, 4))
