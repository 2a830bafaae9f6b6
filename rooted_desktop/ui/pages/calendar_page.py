"""The Calendar page: the month's visits, meetings, trainings, observations and deadlines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.calendar import Month, grid_range
from rooted_desktop.core.calendar_items import CalendarItem, ItemKind
from rooted_desktop.services.calendar import CalendarService
from rooted_desktop.services.changes import Change
from rooted_desktop.services.clock import Clock
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.pages.lazy import LazyLoader
from rooted_desktop.ui.widgets.month_grid import MonthGrid

ItemRole = Qt.ItemDataRole.UserRole + 1
OpenSession = Callable[..., object]


class CalendarPage(QWidget):
    # What a non-visit item opens is the main window's decision (the right page).
    item_requested = Signal(object)  # CalendarItem
    agendas_requested = Signal(object)  # SessionQuery: the selected day's planned visits

    def __init__(
        self,
        calendar: CalendarService,
        changes: QtChanges,
        *,
        clock: Clock,
        open_session: OpenSession,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._clock = clock
        self._open_session = open_session
        self.grid = MonthGrid()
        self.grid.today = clock()
        self.day_heading = QLabel()
        self.day_heading.setAccessibleName("Selected day")
        self.day_list = QListWidget()
        self.day_list.setAccessibleName("Items on the selected day")
        self.day_list.setWordWrap(True)
        self.new_button = QPushButton("&New visit on this day…")
        self.new_button.setToolTip("Plan or document a visit on the selected day (Enter on a day)")
        self.open_button = QPushButton("&Open")
        self.print_button = QPushButton("&Print agendas…")
        self.print_button.setToolTip(
            "The agendas of the selected day's planned visits, to print before you go (Ctrl+P)"
        )
        self.today_button = QPushButton("&Today")
        self.today_button.setToolTip("Go to today (T)")
        legend = QLabel("○ planned · ● done / held · ✕ cancelled · ⚑ due date")
        legend.setAccessibleName("Legend")

        side = QVBoxLayout()
        side.addWidget(self.day_heading)
        side.addWidget(self.day_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        side.addLayout(buttons)
        side.addWidget(self.print_button)
        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>Calendar</h2>"))
        top.addStretch(1)
        top.addWidget(legend)
        top.addWidget(self.today_button)
        body = QHBoxLayout()
        body.addWidget(self.grid, 3)
        body.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.loader = LazyLoader(self, self.refresh)  # loads when on screen
        self.grid.currentPageChanged.connect(lambda _y, _m: self.loader.request())
        self.grid.selectionChanged.connect(self._show_day)
        self.grid.activated.connect(lambda _d: self.new_item())
        self.day_list.itemActivated.connect(lambda _i: self.open_selected())
        self.new_button.clicked.connect(self.new_item)
        self.open_button.clicked.connect(self.open_selected)
        self.today_button.clicked.connect(self.go_today)
        self.print_button.clicked.connect(self.print_current)
        # T for today while the calendar is on screen (a hidden page's shortcut is inactive;
        # line edits take their own typed letters first).
        QShortcut(QKeySequence("T"), self.grid, self.go_today)
        changes.changed.connect(self._on_changes)
        self.go_today()

    def _on_changes(self, changes: frozenset[Change]) -> None:
        if QtChanges.touches(
            changes, Change.SESSIONS, Change.PLANNING, Change.REQUIREMENTS, Change.PROVIDERS
        ):
            self.loader.request()

    def shown_month(self) -> Month:
        return Month(self.grid.yearShown(), self.grid.monthShown())

    def go_today(self) -> None:
        today = self._clock()
        self.grid.today = today
        self.grid.select_day(today)
        self.loader.request()

    def refresh(self) -> None:
        # Exactly the six weeks the grid shows (it starts its weeks on Sunday), no more.
        first, last = grid_range(self.shown_month())
        self.grid.set_items(self._calendar.items_by_day(first, last))
        self._show_day()

    def _show_day(self) -> None:
        day = self.grid.selected_day()
        items = self.grid.by_day.get(day, [])
        self.day_heading.setText(f"<b>{day:%A, %B} {day.day}, {day.year}</b>")
        self.day_list.clear()
        for item in items:
            entry = QListWidgetItem(item.label)
            entry.setData(ItemRole, item)
            entry.setToolTip(f"{item.kind.label}: {item.status_label}")
            self.day_list.addItem(entry)
        if not items:
            self.day_list.addItem(
                "Nothing on this day. Press Enter in the calendar to plan a visit."
            )
        self.open_button.setEnabled(bool(items))
        self.print_button.setEnabled(any(item.planned_visit for item in items))

    def print_current(self) -> None:
        day = self.selected_date()
        self.agendas_requested.emit(SessionQuery(first_day=day, last_day=day))

    def focus_filter(self) -> None:
        self.grid.setFocus()

    def new_item(self) -> None:
        self._open_session(day=self.grid.selected_day())

    def selected_item(self) -> CalendarItem | None:
        entry = self.day_list.currentItem() or self.day_list.item(0)
        data = entry.data(ItemRole) if entry is not None else None
        return data if isinstance(data, CalendarItem) else None

    def open_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        if item.kind is ItemKind.VISIT:
            self._open_session(session_id=item.source_id)
        else:
            self.item_requested.emit(item)

    def selected_date(self) -> date:
        return self.grid.selected_day()
