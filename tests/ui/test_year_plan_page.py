"""The Year plan page: the guide's months and rows, this month marked, follow-ups shared with
the dashboard's checklist."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTreeWidgetItem, QTreeWidgetItemIterator

from rooted_desktop.core.calendar import Month
from rooted_desktop.ui.main_window import MainWindow
from rooted_desktop.ui.pages.year_plan_page import Column, Kind, KindRole, MonthRole, RowKeyRole

DECEMBER = Month(2026, 12)


def items(page: Any, kind: Kind) -> list[QTreeWidgetItem]:
    found, result = QTreeWidgetItemIterator(page.tree), []
    while (item := found.value()) is not None:
        if item.data(Column.WHAT, KindRole) == kind:
            result.append(item)
        found += 1
    return result


def rows_of(page: Any, month: Month) -> list[QTreeWidgetItem]:
    return [i for i in items(page, Kind.ROW) if i.data(Column.WHAT, MonthRole) == month]


def open_page(window: MainWindow, qtbot: Any) -> Any:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    action = next(a for a in view.actions() if a.text() == "Year plan")
    number = window.pages.index(window.year_plan_page) + 1
    assert action.shortcut() == QKeySequence(f"Ctrl+{number}")  # as numbered in the nav
    action.trigger()
    page = window.year_plan_page
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.tree.currentItem() is page.month_item(DECEMBER))
    return page


def test_the_year_by_period_and_month_with_this_month_marked(
    demo_window: MainWindow, qtbot: Any
) -> None:
    page = open_page(demo_window, qtbot)
    assert "Year plan 2026-27" in page.heading.text()
    periods = [i.text(Column.WHAT) for i in items(page, Kind.PERIOD)]
    assert periods[0].startswith("July–August 2026")
    assert any(
        p.startswith("October–December 2026 · this month is in this period") for p in periods
    )
    months = [i.data(Column.WHAT, MonthRole) for i in items(page, Kind.MONTH)]
    assert months == page.plan.year.months()
    assert len(items(page, Kind.GOAL)) == len(periods)
    # This month says so in words and in bold, and is where the page opens.
    current = page.month_item(DECEMBER)
    assert current is page.tree.currentItem()
    assert current.text(Column.WHAT).startswith("▶ This month: December 2026")
    assert current.font(Column.WHAT).bold()
    december_rows = rows_of(page, DECEMBER)
    assert december_rows and all(r.font(Column.ACTIVITY).bold() for r in december_rows)
    assert not any(r.font(Column.ACTIVITY).bold() for r in rows_of(page, Month(2027, 1)))
    assert "This month" not in page.month_item(Month(2027, 1)).text(Column.WHAT)
    spoken = december_rows[0].data(Column.WHAT, Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("December 2026, this month:")


def test_ticking_here_ticks_the_dashboard_checklist(
    demo_window: MainWindow, services: Any, qtbot: Any
) -> None:
    page = open_page(demo_window, qtbot)
    row = rows_of(page, DECEMBER)[0]
    key = row.data(Column.WHAT, RowKeyRole)
    assert row.checkState(Column.WHAT) == Qt.CheckState.Unchecked
    page.tree.setCurrentItem(row)
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)  # the keyboard ticks it
    done = {i.key: i.done_on for i in services.dashboard.month(DECEMBER).plan.items}
    assert done[key] is not None
    # The page rebuilt itself from the store, kept the row current and shows the date.
    qtbot.waitUntil(lambda: "done Dec 4" in page.tree.currentItem().text(Column.FOLLOW_UP))
    assert page.tree.currentItem().checkState(Column.WHAT) == Qt.CheckState.Checked
    assert "1 of" in page.month_item(DECEMBER).text(Column.WHAT)
    # The dashboard shows the same tick when it is next looked at.
    dashboard = demo_window.dashboard_page
    demo_window.show_page(demo_window.pages.index(dashboard))
    qtbot.waitUntil(
        lambda: any(
            dashboard.plan.item(n).checkState() == Qt.CheckState.Checked
            for n in range(dashboard.plan.count())
        )
    )


def test_ticking_on_the_dashboard_shows_here(
    demo_window: MainWindow, services: Any, qtbot: Any
) -> None:
    page = open_page(demo_window, qtbot)
    key = rows_of(page, DECEMBER)[1].data(Column.WHAT, RowKeyRole)
    services.dashboard.set_done(DECEMBER, key, True)
    qtbot.waitUntil(
        lambda: any(
            r.data(Column.WHAT, RowKeyRole) == key
            and r.checkState(Column.WHAT) == Qt.CheckState.Checked
            for r in rows_of(page, DECEMBER)
        )
    )


def test_enter_opens_the_month_on_the_dashboard(demo_window: MainWindow, qtbot: Any) -> None:
    page = open_page(demo_window, qtbot)
    january_row = rows_of(page, Month(2027, 1))[0]
    page.tree.setCurrentItem(january_row)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    dashboard = demo_window.dashboard_page
    assert demo_window.stack.currentWidget() is dashboard
    assert dashboard.month == Month(2027, 1)
    # Back on the year plan, the button does the same for the selected month.
    demo_window.show_page(demo_window.pages.index(page))
    page.tree.setCurrentItem(page.month_item(Month(2026, 9)))
    page.dashboard_button.click()
    assert dashboard.month == Month(2026, 9)


def test_a_period_heading_opens_nothing_and_the_button_waits(
    demo_window: MainWindow, qtbot: Any
) -> None:
    page = open_page(demo_window, qtbot)
    page.tree.setCurrentItem(items(page, Kind.PERIOD)[0])
    assert not page.dashboard_button.isEnabled()
    page.show_this_month()
    assert page.tree.currentItem() is page.month_item(DECEMBER)
    assert page.dashboard_button.isEnabled()


def test_another_year_has_no_this_month(demo_window: MainWindow, services: Any, qtbot: Any) -> None:
    page = open_page(demo_window, qtbot)
    services.years.select(page.plan.year.next())
    qtbot.waitUntil(lambda: "2027-28" in page.heading.text())
    assert not any("This month" in i.text(Column.WHAT) for i in items(page, Kind.MONTH))
    assert "outside program year 2027-28" in page.summary.text()
    assert not page.this_month_button.isEnabled()
