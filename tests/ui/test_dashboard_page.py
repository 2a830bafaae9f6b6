"""The dashboard page on a demo store: month switcher, checklist, opening what it shows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.text import sort_key
from rooted_desktop.ui.main_window import MainWindow
from rooted_desktop.ui.models.dosage_table import DosageColumn

TODAY = date(2026, 12, 4)


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


def test_opens_on_this_month_with_every_active_provider(window: MainWindow, services: Any) -> None:
    page = window.dashboard_page
    assert window.stack.currentWidget() is page
    assert "December 2026" in page.heading.text()
    active = {p.name for p in services.providers.all(active_only=True)}
    shown = {page.dosage_model.index(r, 0).data() for r in range(page.dosage_model.rowCount())}
    assert shown == active
    done = page.dosage_model.index(0, DosageColumn.DONE).data()
    assert done.endswith(" of 90")
    assert "providers have their 90 minutes" in page.summary.text()


def test_dosage_sorts_by_any_column_and_keeps_the_selection(window: MainWindow) -> None:
    page = window.dashboard_page
    model, view = page.dosage_model, page.dosage

    def keys(column: DosageColumn) -> list[Any]:
        return [model.sort_value(model.row_at(r), column) for r in range(model.rowCount())]

    names = [model.row_at(r).provider_name for r in range(model.rowCount())]
    assert names == sorted(names, key=sort_key)  # alphabetical on opening
    view.selectRow(2)
    chosen = model.row_at(2).provider_id
    view.sortByColumn(DosageColumn.DONE, Qt.SortOrder.DescendingOrder)
    assert keys(DosageColumn.DONE) == sorted(keys(DosageColumn.DONE), reverse=True)
    (selected,) = view.selectionModel().selectedRows()
    assert model.row_at(selected.row()).provider_id == chosen
    view.sortByColumn(DosageColumn.PACE, Qt.SortOrder.AscendingOrder)  # tuples sort too
    assert keys(DosageColumn.PACE) == sorted(keys(DosageColumn.PACE))
    page.loader.load()  # a refresh keeps the order the coach chose
    assert keys(DosageColumn.PACE) == sorted(keys(DosageColumn.PACE))
    assert view.horizontalHeader().sortIndicatorSection() == DosageColumn.PACE


def test_month_switcher(window: MainWindow, qtbot: Any) -> None:
    page = window.dashboard_page
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert page.month == Month(2026, 11) and "November 2026" in page.heading.text()
    assert any("Observation Debrief" in page.plan.item(i).text() for i in range(page.plan.count()))
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.month == Month(2026, 12)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.month == Month(2027, 1)


def test_ticking_a_follow_up_is_kept(window: MainWindow, services: Any) -> None:
    page = window.dashboard_page
    item = page.plan.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    assert services.dashboard.month(Month(2026, 12)).plan.items[0].done_on == TODAY
    assert "done Dec 4" in page.plan.item(0).text()


def test_items_open_what_they_describe(window: MainWindow, qtbot: Any) -> None:
    page = window.dashboard_page
    index = page.dosage_model.index(0, 0)
    name = index.data()
    page.dosage.activated.emit(index)  # Enter or double-click, as the style decides
    assert window.stack.currentWidget() is window.sessions_page
    assert window.sessions_page.provider.currentText() == name
    assert window.sessions_page.month.currentText() == "December 2026"

    window.show_page(0)
    oldest = page.overview.backlog[0]  # the demo always leaves a CMS backlog
    assert oldest.provider_name in page.backlog.item(0).text()
    page.backlog.itemActivated.emit(page.backlog.item(0))
    (opened,) = window.session_windows
    assert opened.session_id == oldest.session_id


def test_program_and_data_open_their_pages(window: MainWindow) -> None:
    page = window.dashboard_page
    assert "on pace" in page.program_text.text() or "held" in page.program_text.text()
    page.program_text.linkActivated.emit("program")
    assert window.stack.currentWidget() is window.program_page
    window.show_page(0)
    assert page.due.count() > 0
    page.due.itemActivated.emit(page.due.item(0))
    assert window.stack.currentWidget() is window.data_page
