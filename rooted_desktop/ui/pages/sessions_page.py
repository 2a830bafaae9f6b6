"""The Sessions page: every coaching session, filtered in the store, acted on in bulk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.records import SessionListItem
from rooted_desktop.core.vocab import SessionStatus
from rooted_desktop.services.changes import Change
from rooted_desktop.services.container import Services
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.dialogs import date_dialog
from rooted_desktop.ui.errors import show_user_error
from rooted_desktop.ui.models.session_table import (
    SessionColumn,
    SessionTableModel,
    SortRole,
    short_date,
)
from rooted_desktop.ui.pages.lazy import LazyLoader

OpenSession = Callable[..., object]  # (session_id=None, provider_id=None, day=None)


class SessionsPage(QWidget):
    # Printing is the main window's (file dialogs, background rendering): the page asks.
    agendas_requested = Signal(object)  # SessionQuery
    cms_sheets_requested = Signal(object)  # SessionQuery

    def __init__(
        self,
        services: Services,
        changes: QtChanges,
        *,
        open_session: OpenSession,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._open_session = open_session

        self.provider = QComboBox()
        self.provider.setAccessibleName("Filter by provider")
        self.month = QComboBox()
        self.month.setAccessibleName("Filter by month")
        self.status = QComboBox()
        self.status.setAccessibleName("Filter by status")
        self.status.addItem("Any status", None)
        for status in SessionStatus:
            self.status.addItem(status.label, status.value)
        self.not_in_cms = QCheckBox("Not yet entered in C&MS")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search notes and names… (Ctrl+F)")
        self.search.setAccessibleName("Search sessions")
        self.search.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setAccessibleName("Session count")

        self.model = SessionTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setAccessibleName("Sessions")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SessionColumn.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SessionColumn.FOCUS, QHeaderView.ResizeMode.Stretch)

        self.new_button = QPushButton("&New session…")
        self.new_button.setToolTip("Document a new coaching session (Ctrl+N)")
        self.open_button = QPushButton("&Open")
        self.duplicate_button = QPushButton("D&uplicate as planned…")
        self.duplicate_button.setToolTip(
            "Plan the next visit like this one: same provider, time and length"
        )
        self.cms_button = QPushButton("Mark entered in &CMS…")
        self.delete_button = QPushButton("&Delete…")
        self.print_button = QPushButton("&Print")
        self.print_button.setToolTip("Agendas or CMS entry sheets of the sessions shown (Ctrl+P)")
        print_menu = QMenu(self.print_button)
        print_menu.addAction(
            "&Agendas of the planned visits shown…",
            lambda: self.agendas_requested.emit(self.query()),
        )
        print_menu.addAction(
            "&CMS entry sheets of the completed sessions shown…",
            lambda: self.cms_sheets_requested.emit(self.query()),
        )
        self.print_button.setMenu(print_menu)

        filters = QHBoxLayout()
        for widget in (self.provider, self.month, self.status, self.not_in_cms):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.duplicate_button, self.cms_button):
            buttons.addWidget(button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        title_row = QHBoxLayout()
        title_row.addWidget(QLabel("<h2>Sessions</h2>"))
        title_row.addStretch(1)
        title_row.addWidget(self.summary)

        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.loader = LazyLoader(self, self.refresh)  # loads when on screen
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.provider, self.month, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.loader.request())
        self.not_in_cms.toggled.connect(lambda _c: self.loader.request())
        # activated is Enter and double-click alike (the style decides); not both signals.
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_button.clicked.connect(self.new_item)
        self.open_button.clicked.connect(self.open_selected)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.cms_button.clicked.connect(self.mark_selected_in_cms)
        self.delete_button.clicked.connect(self.delete_selected)
        changes.changed.connect(self._on_changes)
        self._filters_stale = True  # the provider list is read when first needed

    # -- filters ------------------------------------------------------------------------
    def _ensure_filters(self) -> None:
        if not self._filters_stale:
            return
        self._filters_stale = False
        first = self.month.count() == 0
        self._fill_filters()
        if first:  # this month first: what the coach works on (the caller loads the rows)
            key = Month.of(self._services.clock()).key
            self.month.blockSignals(True)
            self.month.setCurrentIndex(max(0, self.month.findData(key)))
            self.month.blockSignals(False)

    def _fill_filters(self) -> None:
        chosen_provider = self.provider.currentData()
        chosen_month = self.month.currentData()
        for combo in (self.provider, self.month):
            combo.blockSignals(True)
            combo.clear()
        self.provider.addItem("All providers", None)
        for record in self._services.providers.all():
            self.provider.addItem(record.name, record.id)
        self.month.addItem("All dates", None)
        for month in self._services.years.current().months():
            self.month.addItem(month.label, month.key)
        self.provider.setCurrentIndex(max(0, self.provider.findData(chosen_provider)))
        self.month.setCurrentIndex(max(0, self.month.findData(chosen_month)))
        for combo in (self.provider, self.month):
            combo.blockSignals(False)

    def query(self) -> SessionQuery:
        self._ensure_filters()
        month_key = self.month.currentData()
        month = Month.parse(month_key) if month_key else None
        status = self.status.currentData()
        return SessionQuery(
            provider_id=self.provider.currentData(),
            first_day=month.first_day if month else None,
            last_day=month.last_day if month else None,
            status=SessionStatus(status) if status else None,
            not_in_cms=self.not_in_cms.isChecked(),
            text=self.search.text(),
        )

    def show_month(self, month: Month) -> None:
        """Filter to a month (all dates if the month is outside the program year)."""
        self._ensure_filters()
        self.month.setCurrentIndex(max(0, self.month.findData(month.key)))

    def show_provider_month(self, provider_id: int, month: Month) -> None:
        """What the dashboard opens: one provider's sessions in one month."""
        self._ensure_filters()
        self.provider.setCurrentIndex(max(0, self.provider.findData(provider_id)))
        self.status.setCurrentIndex(0)
        self.not_in_cms.setChecked(False)
        self.search.clear()
        self.show_month(month)
        self.loader.request()

    def _on_changes(self, changes: frozenset[Change]) -> None:
        if QtChanges.touches(changes, Change.PROVIDERS, Change.SETTINGS):
            self._filters_stale = True  # refilled by the refresh below, or when next shown
        if QtChanges.touches(changes, Change.SESSIONS, Change.PROVIDERS, Change.SETTINGS):
            self.loader.request()

    def refresh(self) -> None:
        selected = {item.id for item in self.selected_sessions()}
        sessions = self._services.sessions.find(self.query())
        self.model.set_sessions(sessions)
        minutes = sum(s.minutes for s in sessions if s.status is SessionStatus.COMPLETED)
        waiting = sum(
            1 for s in sessions if s.status is SessionStatus.COMPLETED and s.cms_entered_on is None
        )
        self.summary.setText(
            f"{len(sessions)} sessions · {minutes} completed minutes · {waiting} not in CMS"
        )
        self.table.resizeColumnsToContents()
        for session_id in selected:
            self._select(session_id, keep=True)
        self._update_buttons()

    # -- selection ----------------------------------------------------------------------
    def selected_sessions(self) -> list[SessionListItem]:
        model = self.table.selectionModel()
        if model is None:
            return []
        rows = sorted({self.proxy.mapToSource(i).row() for i in model.selectedRows()})
        return [self.model.session_at(row) for row in rows]

    def _select(self, session_id: int, *, keep: bool = False) -> None:
        row = self.model.row_of(session_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = self.table.selectionModel().SelectionFlag
        mode = flags.Select | flags.Rows if keep else flags.ClearAndSelect | flags.Rows
        self.table.selectionModel().select(index, mode)

    def _update_buttons(self) -> None:
        count = len(self.selected_sessions())
        self.open_button.setEnabled(count == 1)
        self.duplicate_button.setEnabled(count == 1)
        self.cms_button.setEnabled(count >= 1)
        self.delete_button.setEnabled(count >= 1)
        self.cms_button.setText(
            f"Mark {count} entered in &CMS…" if count > 1 else "Mark entered in &CMS…"
        )

    # -- actions ------------------------------------------------------------------------
    def print_current(self) -> None:
        """Ctrl+P: the print menu, so the coach picks agendas or CMS sheets."""
        self.print_button.showMenu()

    def focus_filter(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_item(self) -> None:
        self._open_session(provider_id=self.provider.currentData())

    def open_selected(self) -> None:
        selected = self.selected_sessions()
        if len(selected) == 1:
            self._open_session(session_id=selected[0].id)

    def duplicate_selected(self) -> None:
        selected = self.selected_sessions()
        if len(selected) != 1:
            return
        source = selected[0]
        default = max(source.day + timedelta(days=28), self._services.clock())
        day = date_dialog.ask_date(self, "Plan the next visit", "Visit &date:", default)
        if day is None:
            return
        try:
            record = self._services.sessions.duplicate_as_planned(source.id, day)
        except UserError as error:
            show_user_error(self, error)
            return
        self._select(record.id)

    def mark_selected_in_cms(self) -> None:
        selected = self.selected_sessions()
        if not selected:
            return
        day = date_dialog.ask_date(
            self, "Entered in CMS", "Entered in CMS &on:", self._services.clock()
        )
        if day is None:
            return
        count = self._services.sessions.mark_cms_entered([s.id for s in selected], day)
        skipped = len(selected) - count
        if skipped:
            QMessageBox.information(
                self,
                "Entered in CMS",
                f"Marked {count} completed session(s). {skipped} planned or cancelled "
                "session(s) were left alone: only completed sessions go into CMS.",
            )

    def delete_selected(self) -> None:
        selected = self.selected_sessions()
        if not selected:
            return
        if len(selected) == 1:
            item = selected[0]
            text = f"Delete the session with {item.provider_name} on {short_date(item.day)}?"
        else:
            text = f"Delete {len(selected)} sessions?"
        answer = QMessageBox.question(
            self,
            "Delete sessions",
            text + "\n\nTheir notes are removed from this computer. This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._services.sessions.delete([s.id for s in selected])
