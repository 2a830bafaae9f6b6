"""Documents from the GUI: rendered in the background, written whole or not at all, opened."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.vocab import SessionStatus
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.ui import file_actions, workers
from rooted_desktop.ui.main_window import MainWindow

TODAY = date(2026, 12, 4)


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: seen.append(url.toLocalFile()))
    return seen


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_month_agendas_render_in_the_background_and_open(
    window: MainWindow, qtbot: Any, tmp_path: Path, opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    target = tmp_path / "agendas.pdf"
    save_to(monkeypatch, target)
    with qtbot.waitSignal(window.documents.done, timeout=30_000):
        window.file_actions.print_agendas()
    assert opened == [str(target)]
    december = SessionQuery(
        first_day=date(2026, 12, 1), last_day=date(2026, 12, 31), status=SessionStatus.PLANNED
    )
    planned = window._services.sessions.find(december)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) >= len(planned)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_sessions_agenda_and_cms_sheet_from_its_window(
    window: MainWindow, qtbot: Any, tmp_path: Path, opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    done = window._services.sessions.find(SessionQuery(status=SessionStatus.COMPLETED))[0]
    editor = window.open_session(session_id=done.id)
    target = tmp_path / "sheet.pdf"
    save_to(monkeypatch, target)
    with qtbot.waitSignal(editor.documents.done, timeout=30_000):
        editor.cms_button.click()
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert done.provider_name in text and "CMS entry sheet" in text
    agenda = tmp_path / "agenda.pdf"
    save_to(monkeypatch, agenda)
    with qtbot.waitSignal(editor.documents.done, timeout=30_000):
        editor.agenda_button.click()
    assert opened == [str(target), str(agenda)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_an_unwritable_folder_is_explained_and_leaves_nothing(
    window: MainWindow, qtbot: Any, tmp_path: Path, opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    save_to(monkeypatch, locked / "agendas.pdf")
    shown: list[UserError] = []
    for module in (workers, file_actions):
        monkeypatch.setattr(module, "show_user_error", lambda parent, e, **k: shown.append(e))
    window.file_actions.print_agendas()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "not writable" in shown[0].message
    assert list(locked.iterdir()) == [] and opened == []


def test_a_failed_write_is_explained_and_leaves_nothing(
    window: MainWindow, qtbot: Any, tmp_path: Path, opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    save_to(monkeypatch, tmp_path / "missing-folder" / "agendas.pdf")
    shown: list[UserError] = []
    for module in (workers, file_actions):
        monkeypatch.setattr(module, "show_user_error", lambda parent, e, **k: shown.append(e))
    window.file_actions.print_agendas()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "does not exist" in shown[0].message
    assert not (tmp_path / "missing-folder").exists() and opened == []


def test_nothing_to_print_says_so(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.sessions_page.show_month(__import__("rooted_desktop.core.calendar",
                                               fromlist=["Month"]).Month(2026, 7))  # fmt: skip
    save_to(monkeypatch, tmp_path / "none.pdf")
    shown: list[UserError] = []
    monkeypatch.setattr(file_actions, "show_user_error", lambda parent, e, **k: shown.append(e))
    window.file_actions.print_agendas()
    assert shown and "no planned visits" in shown[0].message
    assert not (tmp_path / "none.pdf").exists()


def test_the_monthly_summary_of_the_dashboards_month(
    window: MainWindow, qtbot: Any, tmp_path: Path, opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    target = tmp_path / "summary.pdf"
    save_to(monkeypatch, target)
    (action,) = [a for a in window.findChildren(__import__("PySide6.QtGui", fromlist=["QAction"])
                 .QAction) if a.text() == "Print the &monthly summary…"]  # fmt: skip
    with qtbot.waitSignal(window.documents.done, timeout=30_000):
        action.trigger()
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "December 2026" in text and opened == [str(target)]
