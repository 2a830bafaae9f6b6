"""Documents from the GUI: rendered in the background, written whole or not at all, opened."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog

from rooted_desktop.core.calendar import Month
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
    window.sessions_page.show_month(Month(2026, 7))
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
    (action,) = [
        a for a in window.findChildren(QAction) if a.text() == "Print the &monthly summary…"
    ]
    with qtbot.waitSignal(window.documents.done, timeout=30_000):
        action.trigger()
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "December 2026" in text and opened == [str(target)]


def _pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


def test_the_sessions_page_prints_the_sessions_it_shows(
    window: MainWindow, qtbot: Any, tmp_path: Path, opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    december = Month(2026, 12)
    planned = window._services.sessions.find(
        SessionQuery(first_day=december.first_day, last_day=december.last_day,
                     status=SessionStatus.PLANNED)
    )  # fmt: skip
    provider_id = planned[0].provider_id
    name = planned[0].provider_name
    page.show_provider_month(provider_id, december)
    target = tmp_path / "mine.pdf"
    save_to(monkeypatch, target)
    (agendas, sheets) = page.print_button.menu().actions()
    assert "Agendas" in agendas.text() and "CMS" in sheets.text()
    with qtbot.waitSignal(window.documents.done, timeout=30_000):
        agendas.trigger()
    pages = _pdf_text(target)
    mine = [item for item in planned if item.provider_id == provider_id]
    everything = "\n".join(pages)
    assert len(pages) >= len(mine) and everything.count(name) >= len(mine)
    others = {item.provider_name for item in planned} - {name}
    assert others and not [other for other in others if other in everything]


def test_a_calendar_day_prints_its_agendas_with_ctrl_p(
    window: MainWindow, qtbot: Any, tmp_path: Path, opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    page = window.calendar_page
    window.show_page(window.pages.index(page))
    visit = window._services.sessions.find(
        SessionQuery(first_day=TODAY, status=SessionStatus.PLANNED)
    )[0]
    page.grid.setSelectedDate(visit.day)
    assert page.print_button.isEnabled()
    target = tmp_path / "day.pdf"
    save_to(monkeypatch, target)
    with qtbot.waitSignal(window.documents.done, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    pages = _pdf_text(target)
    same_day = window._services.sessions.find(
        SessionQuery(first_day=visit.day, last_day=visit.day, status=SessionStatus.PLANNED)
    )
    assert len(pages) >= len(same_day) and visit.provider_name in "\n".join(pages)
    assert opened == [str(target)]
    empty = next(
        TODAY.replace(day=d) for d in range(1, 29)
        if not window._services.sessions.find(
            SessionQuery(first_day=TODAY.replace(day=d), last_day=TODAY.replace(day=d)))
    )  # fmt: skip
    page.grid.setSelectedDate(empty)
    assert not page.print_button.isEnabled()


def test_ctrl_p_on_the_dashboard_prints_the_month_it_shows(
    window: MainWindow, qtbot: Any, tmp_path: Path, opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    window.show_page(window.pages.index(window.dashboard_page))
    window.dashboard_page.previous_button.click()
    target = tmp_path / "november.pdf"
    save_to(monkeypatch, target)
    with qtbot.waitSignal(window.documents.done, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "November 2026" in _pdf_text(target)[0]
