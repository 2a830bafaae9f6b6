"""A coach's first tasks from the keyboard alone: add a provider, log a session, export the
month. Every key goes to the widget that has the focus, as a real keyboard's would; only
the native file dialog is replaced (by the path a coach would pick).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget

from rooted_desktop.paths import Paths
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.ui.dialogs.session_window import SessionWindow
from rooted_desktop.ui.main_window import MainWindow
from tests.conftest import TODAY

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


class Keyboard:
    """Keys for whatever has the focus (or the open menu), like a person at the keyboard."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    def target(self) -> QWidget:
        """Where a key goes: the open menu, else the focus widget, else the active window."""
        focus = (
            QApplication.activePopupWidget()
            or QApplication.focusWidget()
            or QApplication.activeWindow()
        )
        assert focus is not None
        return focus

    def press(
        self, key: Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.target(), key, modifiers)

    def type(self, text: str) -> None:
        assert text.isascii(), "key clicks with non-ASCII text abort Qt"
        self.qtbot.keyClicks(self.target(), text)

    def back_to(self, window: QWidget) -> None:
        """What the window manager does when a dialog closes: its parent is active again.

        The offscreen platform has no window manager, so the test does that part.
        """
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)

    def tab_to(self, name: str, limit: int = 60) -> QWidget:
        """Press Tab until the control a screen reader calls ``name`` has the focus."""
        for _ in range(limit):
            focus = QApplication.focusWidget()
            if focus is not None and focus.accessibleName() == name:
                return focus
            self.press(Key.Key_Tab)
        raise AssertionError(f"Tab never reached {name!r}")


def when_modal(qtbot: Any, action: Callable[[QWidget], None]) -> None:
    """Do ``action`` in the next modal dialog: its exec() blocks the key press opening it.

    If the action fails, the dialog is rejected so the test ends instead of hanging.
    """

    def poll(tries: int = 500) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow():
            if tries:
                QTimer.singleShot(10, lambda: poll(tries - 1))
            return
        try:
            action(dialog)
        except BaseException:
            dialog.reject()  # type: ignore[attr-defined]
            raise

    QTimer.singleShot(0, poll)


@pytest.fixture
def window(qtbot: Any, services: Any, paths: Paths) -> MainWindow:
    win = MainWindow(services, paths)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_add_a_provider_log_a_session_and_export_the_month_by_keyboard(
    qtbot: Any,
    window: MainWindow,
    services: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys = Keyboard(qtbot)

    # 1. Ctrl+Shift+P: a new provider. Name has the focus; Tab moves down the form.
    def fill_provider(dialog: QWidget) -> None:
        keys.type("Ana Ruiz")
        keys.tab_to("Site")
        keys.type("Main Street Center, Lincoln")
        keys.tab_to("Age group")
        keys.press(Key.Key_Down)  # the second age group
        keys.tab_to("Email")
        keys.type("ana@example.org")
        keys.press(Key.Key_Return)  # Save is the default button

    when_modal(qtbot, fill_provider)
    keys.press(Key.Key_P, CTRL | SHIFT)
    providers = services.providers.all()
    assert [(p.name, p.site, p.email) for p in providers] == [
        ("Ana Ruiz", "Main Street Center, Lincoln", "ana@example.org")
    ]
    assert providers[0].age_group.value == "preschool"
    keys.back_to(window)

    # 2. Ctrl+N on the Sessions page (Ctrl+3): a session window with the provider first.
    keys.press(Key.Key_3, CTRL)
    keys.press(Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: len(window.session_windows) == 1)
    editor: SessionWindow = window.session_windows[0]
    qtbot.waitUntil(editor.isActiveWindow)
    assert QApplication.focusWidget() is editor.form.provider
    keys.type("Ana")  # a closed combo box finds the typed name
    assert editor.form.provider_id() == providers[0].id
    keys.tab_to("Minutes")
    keys.press(Key.Key_A, CTRL)
    keys.type("75")
    first_section = next(iter(editor.form.section_boxes.values()))
    keys.tab_to(first_section.accessibleName())
    keys.type("Talked about transitions; Ana tried a visual schedule.")
    keys.press(Key.Key_S, CTRL)
    sessions = services.sessions.find(SessionQuery())
    assert [(s.provider_id, s.day, s.minutes) for s in sessions] == [(providers[0].id, TODAY, 75)]
    saved = services.sessions.get(sessions[0].id)
    assert "visual schedule" in " ".join(note.text for note in saved.sections)
    keys.press(Key.Key_W, CTRL)  # Ctrl+W closes the saved session's window
    qtbot.waitUntil(lambda: not window.session_windows)
    keys.back_to(window)

    # 3. Alt+F opens the File menu; C is "Export sessions (CSV)", M "Print the monthly
    # summary". The native save dialog answers with the path a coach would pick.
    folder = tmp_path / "exports"
    folder.mkdir()
    asked: list[str] = []

    def save_as(parent: Any, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(Path(suggested).name)
        return str(folder / Path(suggested).name), filters

    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    keys.press(Key.Key_F, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    keys.press(Key.Key_C)
    exported = folder / "sessions-2026-12.csv"  # the Sessions page's month: this month
    qtbot.waitUntil(exported.exists)
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["provider"], r["date"], r["minutes"]) for r in rows] == [
        ("Ana Ruiz", "2026-12-04", "75")
    ]

    keys.back_to(window)
    keys.press(Key.Key_F, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    keys.press(Key.Key_M)
    summary = folder / "summary-2026-12.pdf"
    qtbot.waitUntil(lambda: opened == [str(summary)], timeout=20000)  # rendered, then opened
    assert asked == ["sessions-2026-12.csv", "summary-2026-12.pdf"]
    text = " ".join(page.extract_text() for page in PdfReader(summary).pages)
    assert "Ana Ruiz" in text
    assert "75" in text
