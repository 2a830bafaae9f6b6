"""The Calendar page: a month grid with each day's items, driven from the keyboard."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from rooted_desktop.core.calendar_items import ItemKind
from rooted_desktop.ui.main_window import MainWindow

TODAY = date(2026, 12, 4)


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    demo_window.show_page(demo_window.pages.index(demo_window.calendar_page))
    return demo_window


def test_opens_on_today_with_the_days_items(window: MainWindow, services: Any) -> None:
    page = window.calendar_page
    assert page.grid.selected_day() == TODAY
    assert "Friday, December 4, 2026" in page.day_heading.text()
    busy = max(services.calendar.items_by_day(date(2026, 12, 1), date(2026, 12, 31)).items(),
               key=lambda pair: len(pair[1]))  # fmt: skip
    page.grid.select_day(busy[0])
    expected = busy[1]
    shown = [page.day_list.item(i).text() for i in range(page.day_list.count())]
    assert shown == [item.label for item in expected]


def grid_view(page: Any) -> QTableView:
    """The calendar's own view, which takes the keyboard."""
    view = page.grid.findChild(QTableView)
    assert view is not None
    return view


def test_keyboard_moves_days_months_and_back_to_today(window: MainWindow, qtbot: Any) -> None:
    page = window.calendar_page
    view = grid_view(page)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert page.grid.selected_day() == date(2026, 12, 5)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert page.grid.selected_day() == date(2026, 12, 12)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert page.shown_month().key == "2027-01"
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert page.shown_month().key == "2026-11"
    qtbot.keyClick(view, Qt.Key.Key_T)
    assert page.grid.selected_day() == TODAY


def test_enter_on_a_day_starts_a_visit_on_that_day(window: MainWindow, qtbot: Any) -> None:
    page = window.calendar_page
    page.grid.select_day(date(2026, 12, 17))
    view = grid_view(page)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    (editor,) = window.session_windows
    assert editor.form.value().day == date(2026, 12, 17)
    assert editor.session_id is None


def test_status_is_told_by_text_and_items_open(window: MainWindow, services: Any) -> None:
    page = window.calendar_page
    items = services.calendar.items(date(2026, 12, 1), date(2026, 12, 31))
    done = next(i for i in items if i.kind is ItemKind.VISIT and i.status_label == "Completed")
    page.grid.select_day(done.day)
    labels = [page.day_list.item(i).text() for i in range(page.day_list.count())]
    assert any(label.startswith("●") and "Completed" in label for label in labels)
    row = next(i for i, label in enumerate(labels) if done.title in label)
    page.day_list.setCurrentRow(row)
    page.open_selected()
    (editor,) = window.session_windows
    assert editor.session_id == done.source_id


def test_a_new_session_appears_in_the_grid(window: MainWindow, services: Any) -> None:
    page = window.calendar_page
    day = date(2026, 12, 29)
    before = len(page.grid.by_day.get(day, []))
    visit = services.sessions.find(services_query())[0]
    services.sessions.duplicate_as_planned(visit.id, day)
    assert len(page.grid.by_day.get(day, [])) == before + 1


def services_query() -> Any:
    from rooted_desktop.services.sessions import SessionQuery

    return SessionQuery()
