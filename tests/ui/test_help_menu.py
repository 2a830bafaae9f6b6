"""The Help menu: About with where things live, the folders and log opened in the system's
own programs, and the keyboard shortcuts read from the real actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMessageBox, QTreeWidgetItemIterator

from rooted_desktop import identity
from rooted_desktop.paths import Paths
from rooted_desktop.ui.dialogs.shortcuts_dialog import ShortcutsDialog, menu_text, shortcut_rows
from rooted_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any, services: Any, paths: Paths) -> MainWindow:
    win = MainWindow(services, paths)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def help_actions(window: MainWindow) -> dict[str, Any]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return {a.text(): a for a in menu.actions() if a.text()}


def test_the_help_menu_holds_its_actions(window: MainWindow) -> None:
    assert list(help_actions(window)) == [
        "&Keyboard shortcuts…",
        "Open the &data folder",
        "Open the &backups folder",
        "Open the &log",
        "&About Rooted Desktop",
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [("Open the &data folder", "data_dir"), ("Open the &backups folder", "backup_dir")],
)
def test_folders_open_in_the_file_manager(
    window: MainWindow, paths: Paths, opened: list[QUrl], text: str, where: str
) -> None:
    help_actions(window)[text].trigger()
    assert opened == [QUrl.fromLocalFile(str(getattr(paths, where)))]
    assert Path(opened[0].toLocalFile()).is_dir()


def test_the_backups_folder_is_made_again_if_removed(
    window: MainWindow, paths: Paths, opened: list[QUrl]
) -> None:
    paths.backup_dir.rmdir()
    help_actions(window)["Open the &backups folder"].trigger()
    assert paths.backup_dir.is_dir()
    assert opened == [QUrl.fromLocalFile(str(paths.backup_dir))]


def test_the_log_opens_or_its_folder_before_anything_is_logged(
    window: MainWindow, paths: Paths, opened: list[QUrl]
) -> None:
    assert not paths.log_file.exists()
    help_actions(window)["Open the &log"].trigger()
    paths.log_file.write_text("started\n", encoding="utf-8")
    help_actions(window)["Open the &log"].trigger()
    assert opened == [
        QUrl.fromLocalFile(str(paths.log_dir)),
        QUrl.fromLocalFile(str(paths.log_file)),
    ]


def test_when_nothing_can_open_it_the_path_is_shown(
    window: MainWindow, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()) or 0)
    help_actions(window)["Open the &data folder"].trigger()
    assert shown == [str(paths.data_dir)]


def test_about_names_the_version_and_where_everything_is(
    window: MainWindow, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda _parent, title, text: shown.append((title, text))
    )
    help_actions(window)["&About Rooted Desktop"].trigger()
    ((title, text),) = shown
    assert title == "About Rooted Desktop"
    assert f"{identity.APP_NAME} {identity.version()}" in text
    for where in (paths.data_dir, paths.store_file, paths.backup_dir, paths.log_file):
        assert str(where) in text
    assert "licensed" in text and "LGPL" in text


def test_shortcuts_come_from_the_actions(window: MainWindow, qtbot: Any) -> None:
    rows = shortcut_rows(window)
    keys = {(menu, action): shortcut for menu, action, shortcut in rows}
    native = QKeySequence.SequenceFormat.NativeText
    year_plan = QKeySequence(f"Ctrl+{window.pages.index(window.year_plan_page) + 1}")
    assert keys[("View", "Year plan")] == year_plan.toString(native)
    assert keys[("View", "Dashboard")] == QKeySequence("Ctrl+1").toString(native)
    assert keys[("Edit", "Settings…")] == QKeySequence("Ctrl+,").toString(native)
    assert ("Help", "Keyboard shortcuts…") in keys
    assert ("View", "Data & evaluation") in keys  # a page title's "&" is text, not a mnemonic
    # Ctrl+N makes a session on most pages, as its own key does: one line, both keys.
    new_session = [row for row in rows if row[:2] == ("File", "New session…")]
    both = [QKeySequence(k).toString(native) for k in ("Ctrl+N", "Ctrl+Shift+S")]
    assert new_session == [("File", "New session…", " or ".join(both))]
    # Every menu action with a shortcut is listed, and nothing without one.
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            listed = any(a == menu_text(action.text()) for _m, a, _k in rows)
            assert listed == (not action.shortcut().isEmpty()), action.text()
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    found = QTreeWidgetItemIterator(dialog.table)
    shown = []
    while (item := found.value()) is not None:
        shown.append((item.text(0), item.text(1)))
        found += 1
    assert ("Year plan", year_plan.toString(native)) in shown
    assert dialog.table.accessibleName() == "Keyboard shortcuts"
