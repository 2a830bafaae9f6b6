"""The Providers page: the caseload as a filterable table, with add, edit and deactivate."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.services.changes import Change
from rooted_desktop.services.providers import ProviderService
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.dialogs.provider_dialog import ProviderDialog
from rooted_desktop.ui.errors import show_user_error
from rooted_desktop.ui.models.provider_table import ProviderColumn, ProviderTableModel, SortRole
from rooted_desktop.ui.pages.lazy import LazyLoader

MAX_COLUMN_WIDTH = 240


class ProvidersPage(QWidget):
    selection_changed = Signal()

    def __init__(
        self,
        providers: ProviderService,
        changes: QtChanges,
        *,
        import_roster: Callable[[], None],
        open_action_plan: Callable[[ProviderRecord], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._providers = providers

        heading = QLabel("<h2>Providers</h2>")
        self.summary = QLabel()
        self.summary.setAccessibleName("Provider count")

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name, site, email… (Ctrl+F)")
        self.filter.setAccessibleName("Filter providers")
        self.filter.setClearButtonEnabled(True)
        self.show_inactive = QCheckBox("Show &inactive providers")
        self.show_inactive.setChecked(True)

        self.model = ProviderTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)  # Łukasz sorts with the Ls, not after Zoë

        self.table = QTableView()
        self.table.setAccessibleName("Providers")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ProviderColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.add_button = QPushButton("&New provider…")
        self.edit_button = QPushButton("&Edit…")
        self.toggle_button = QPushButton("&Deactivate")
        self.plan_button = QPushButton("Action &plan…")
        self.plan_button.setToolTip("Goals and steps agreed with this provider")
        self.import_button = QPushButton("Import &roster…")
        self.add_button.setToolTip("Add a provider (Ctrl+N)")
        self.import_button.setToolTip("Add providers from a roster spreadsheet saved as CSV")

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.show_inactive)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.toggle_button, self.plan_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        title_row = QHBoxLayout()
        title_row.addWidget(heading)
        title_row.addStretch(1)
        title_row.addWidget(self.summary)
        layout.addLayout(title_row)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.loader = LazyLoader(self, self.refresh)  # loads when on screen
        self.show_inactive.toggled.connect(lambda _checked: self.loader.request())
        # activated is Enter and double-click alike (the style decides); not both signals.
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add_provider)
        self.edit_button.clicked.connect(self.edit_selected)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.import_button.clicked.connect(import_roster)
        self.plan_button.clicked.connect(self._open_plan)
        self._open_action_plan = open_action_plan
        changes.changed.connect(self._on_changes)

    # -- data -------------------------------------------------------------------------
    def _on_changes(self, changes: frozenset[Change]) -> None:
        if QtChanges.touches(changes, Change.PROVIDERS):
            self.loader.request()

    def refresh(self) -> None:
        selected = self.selected_provider()
        providers = self._providers.all(active_only=not self.show_inactive.isChecked())
        self.model.set_providers(providers)
        active = sum(1 for p in providers if p.active)
        inactive = len(providers) - active
        text = f"{active} active"
        if self.show_inactive.isChecked():
            text += f", {inactive} inactive"
        self.summary.setText(text)
        self._fit_columns()
        if selected is not None:
            self.select_provider(selected.id)
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Size columns to their text but keep every column on screen; email takes the rest."""
        self.table.resizeColumnsToContents()
        for column in ProviderColumn:
            if self.table.columnWidth(column) > MAX_COLUMN_WIDTH:
                self.table.setColumnWidth(column, MAX_COLUMN_WIDTH)

    # -- selection --------------------------------------------------------------------
    def selected_provider(self) -> ProviderRecord | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.provider_at(self.proxy.mapToSource(rows[0]).row())

    def select_provider(self, provider_id: int) -> None:
        row = self.model.row_of(provider_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        selected = self.selected_provider()
        self.edit_button.setEnabled(selected is not None)
        self.toggle_button.setEnabled(selected is not None)
        self.plan_button.setEnabled(selected is not None)
        if selected is not None and not selected.active:
            self.toggle_button.setText("Re&activate")
            self.toggle_button.setToolTip(f"Coach {selected.name} again this program year")
        else:
            self.toggle_button.setText("&Deactivate")
            self.toggle_button.setToolTip("Stop coaching this provider; their history is kept")
        self.selection_changed.emit()

    # -- actions ----------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def add_provider(self) -> None:
        dialog = ProviderDialog(self)
        while dialog.exec():
            try:
                record = self._providers.add(dialog.value())
            except UserError as error:
                dialog.show_error(error)
                continue
            self.filter.clear()
            self.select_provider(record.id)
            return

    def edit_selected(self) -> None:
        selected = self.selected_provider()
        if selected is None:
            return
        dialog = ProviderDialog(self, selected)
        while dialog.exec():
            try:
                self._providers.update(selected.id, dialog.value())
            except UserError as error:
                dialog.show_error(error)
                continue
            self.select_provider(selected.id)
            return

    def _open_plan(self) -> None:
        selected = self.selected_provider()
        if selected is not None:
            self._open_action_plan(selected)

    def toggle_selected(self) -> None:
        selected = self.selected_provider()
        if selected is None:
            return
        try:
            self._providers.set_active(selected.id, not selected.active)
        except UserError as error:
            show_user_error(self, error)
            return
        self.select_provider(selected.id)
