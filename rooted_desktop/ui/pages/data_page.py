"""The Data & evaluation page: a provider x requirement matrix, the coach's own items and the
TPOT/TPITOS observations. Enter (or a double click) edits the current cell or row. Overdue is
written out and marked with an icon, never shown by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.deadlines import DueState
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.instruments import observation_tool
from rooted_desktop.core.requirements import ObservationRecord, RequirementMatrix
from rooted_desktop.services.changes import Change
from rooted_desktop.services.requirements import RequirementService
from rooted_desktop.services.years import YearService
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.dialogs.observation_dialog import (
    NO_SCORES_NOTE,
    ObservationDialog,
    ProviderChoice,
)
from rooted_desktop.ui.dialogs.requirement_dialog import RequirementDialog
from rooted_desktop.ui.errors import show_user_error
from rooted_desktop.ui.models.requirement_tables import (
    CoachItemModel,
    ObservationTableModel,
    RecordRole,
    RequirementMatrixModel,
)
from rooted_desktop.ui.pages.lazy import LazyLoader
from rooted_desktop.ui.widgets.readable import keep_rows, scrolling

MAX_COLUMN_WIDTH = 240


def _table(name: str, model: Any, *, rows: bool) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    behaviour = QAbstractItemView.SelectionBehavior
    table.setSelectionBehavior(behaviour.SelectRows if rows else behaviour.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fit(table: QTableView) -> None:
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), MAX_COLUMN_WIDTH))


def _button(text: str, slot: Callable[[], Any], tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _run(dialog: Any, save: Callable[[Any], Any]) -> Any:
    """Show the dialog until its value saves or the coach cancels; problems stay in it."""
    while dialog.exec():
        try:
            return save(dialog.value())
        except UserError as error:
            details = [d.partition(": ")[2] or d for d in error.details]
            dialog.show_problems(details or [str(error)])
    return None


def _fill(layout: QBoxLayout, *items: QWidget | QLayout | tuple[Any, int] | None) -> Any:
    """Add widgets and layouts in order; (item, n) stretches by n, None is a stretch."""
    for item in items:
        thing, stretch = item if isinstance(item, tuple) else (item, 0)
        if thing is None:
            layout.addStretch(1)
        elif isinstance(thing, QLayout):
            layout.addLayout(thing, stretch)
        else:
            layout.addWidget(thing, stretch)
    return layout


def _labelled(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class DataPage(QWidget):
    def __init__(
        self,
        requirements: RequirementService,
        years: YearService,
        changes: QtChanges,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._requirements = requirements
        self._years = years
        self._refreshing = False
        self.matrix_data: RequirementMatrix | None = None

        self.summary = QLabel()
        self.summary.setAccessibleName("Data summary")
        self.matrix_model = RequirementMatrixModel(self)
        self.matrix = _table("Requirements by provider", self.matrix_model, rows=False)
        self.matrix.horizontalHeader().setStretchLastSection(False)
        self.edit_button = _button("Edi&t requirement…", self.edit_requirement, "Enter")
        legend = QLabel("Overdue items say “Overdue” and carry a warning sign. n/a: not owed.")
        self.coach_model = CoachItemModel(self)
        self.coach_table = _table("Coach's own items", self.coach_model, rows=True)
        self.coach_edit_button = _button("Edit coach &item…", self.edit_coach_item, "Enter")
        self.obs_model = ObservationTableModel(self)
        self.observations = _table("Observations", self.obs_model, rows=True)
        self.new_obs_button = _button("&New observation…", self.new_item, "Of an active provider")
        self.edit_obs_button = _button("Edit o&bservation…", self.edit_observation, "Enter")
        self.delete_obs_button = _button("&Delete observation…", self.delete_observation)
        self.no_scores = QLabel(NO_SCORES_NOTE)
        self.no_scores.setWordWrap(True)
        self.no_scores.setAccessibleName("About scores")

        coach = _fill(
            QVBoxLayout(),
            _labelled("&Coach's own items:", self.coach_table),
            (self.coach_table, 1),
            self.coach_edit_button,
        )
        obs_buttons = (self.new_obs_button, self.edit_obs_button, self.delete_obs_button)
        observations = _fill(
            QVBoxLayout(),
            _labelled("&Observations (TPOT, TPITOS):", self.observations),
            (self.observations, 1),
            _fill(QHBoxLayout(), *obs_buttons, None),
            self.no_scores,
        )
        body = _fill(
            QVBoxLayout(),
            _labelled("&Requirements by provider:", self.matrix),
            (self.matrix, 3),
            _fill(QHBoxLayout(), self.edit_button, legend, None),
            (_fill(QHBoxLayout(), (coach, 1), (observations, 2)), 2),
        )
        for table, rows in ((self.matrix, 5), (self.coach_table, 3), (self.observations, 3)):
            keep_rows(table, rows)
        _fill(
            QVBoxLayout(self),
            _fill(QHBoxLayout(), QLabel("<h2>Data &amp; evaluation</h2>"), None, self.summary),
            (scrolling(body), 1),
        )

        for table, edit in (
            (self.matrix, self.edit_requirement),
            (self.coach_table, self.edit_coach_item),
            (self.observations, self.edit_observation),
        ):
            table.activated.connect(lambda _index, edit=edit: edit())  # Enter, double click
            table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._changes = changes  # kept alive with the page
        self.loader = LazyLoader(self, self.refresh)  # loads (and ensures the year) on screen
        changes.changed.connect(self._on_changes)

    # -- data -------------------------------------------------------------------------
    def _on_changes(self, changes: frozenset[Change]) -> None:
        if QtChanges.touches(changes, Change.REQUIREMENTS, Change.PROVIDERS, Change.SETTINGS):
            self.loader.request()

    def refresh(self) -> None:
        """Create any rows the year lacks, then reload, keeping the current cell and rows."""
        if self._refreshing:  # ensure_year announces new rows: that change lands here
            return
        self._refreshing = True
        try:
            year = self._years.current()
            self._requirements.ensure_year(year)
            cell = self.matrix.currentIndex()
            record = cell.data(RecordRole)
            coach_row, obs = self.coach_table.currentIndex().row(), self.current_observation()
            self.matrix_data = self._requirements.matrix(year)
            self.matrix_model.set_matrix(self.matrix_data)
            self.coach_model.set_rows(self.matrix_data.coach_items)
            self.obs_model.set_rows(self._requirements.observations(year))
        finally:
            self._refreshing = False
        for table in (self.matrix, self.coach_table, self.observations):
            _fit(table)
        found = (
            record
            and record.provider_id
            and self.matrix_model.position_of(record.provider_id, record.kind)
        )
        self._restore(self.matrix, *(found or (cell.row(), cell.column())))
        self._restore(self.coach_table, coach_row, 0)
        obs_row = self.obs_model.row_of(obs.id) if obs else None
        self._restore(self.observations, obs_row if obs_row is not None else 0, 0)
        overdue, soon = (self.matrix_data.count(s) for s in (DueState.OVERDUE, DueState.DUE_SOON))
        self.summary.setText(
            f"Program year {year.label}: {overdue} overdue, {soon} due within 30 days"
        )
        self._update_buttons()

    @staticmethod
    def _restore(table: QTableView, row: int, column: int) -> None:
        model = table.model()
        if model.rowCount() and model.columnCount():
            row = min(max(row, 0), model.rowCount() - 1)
            column = min(max(column, 0), model.columnCount() - 1)
            table.setCurrentIndex(model.index(row, column))

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.matrix.currentIndex().data(RecordRole) is not None)
        self.coach_edit_button.setEnabled(self.coach_table.currentIndex().isValid())
        self.new_obs_button.setEnabled(bool(self._choices()))
        for button in (self.edit_obs_button, self.delete_obs_button):
            button.setEnabled(self.current_observation() is not None)

    def current_observation(self) -> ObservationRecord | None:
        return self.observations.currentIndex().data(RecordRole)  # type: ignore[no-any-return]

    # -- requirements -----------------------------------------------------------------
    def edit_requirement(self) -> None:
        self._edit(self.matrix)

    def edit_coach_item(self) -> None:
        self._edit(self.coach_table)

    def _edit(self, table: QTableView) -> None:
        """Edit the current cell's requirement; nothing where none applies."""
        record = table.currentIndex().data(RecordRole)
        if record is not None and self.matrix_data is not None:
            dialog = RequirementDialog(self, record, today=self.matrix_data.today)
            _run(dialog, lambda data: self._requirements.update(record.id, data))
        table.setFocus()

    # -- observations -----------------------------------------------------------------
    def _choices(self) -> list[ProviderChoice]:
        rows = self.matrix_data.rows if self.matrix_data else ()
        return [
            ProviderChoice(r.provider_id, r.provider_name, observation_tool(r.age_group))
            for r in rows
            if r.active
        ]

    def new_item(self) -> None:
        """A new observation (the main window's File > New on this page)."""
        self._edit_observation(None)

    def edit_observation(self) -> None:
        record = self.current_observation()
        if record is not None:
            self._edit_observation(record)

    def _edit_observation(self, record: ObservationRecord | None) -> None:
        if self.matrix_data is None or (record is None and not self._choices()):
            return  # no provider to observe yet: the button says so in its tooltip
        dialog = ObservationDialog(self, self._choices(), record, today=self.matrix_data.today)
        year = self._years.current()
        saved = _run(
            dialog,
            lambda data: self._requirements.save_observation(
                record.id if record else None, data, year=year
            ),
        )
        row = self.obs_model.row_of(saved.id) if saved is not None else None
        if row is not None:
            self.observations.setCurrentIndex(self.obs_model.index(row, 0))
        self.observations.setFocus()

    def delete_observation(self) -> None:
        record = self.current_observation()
        answer = record and QMessageBox.question(
            self,
            "Delete observation",
            f"Delete the {record.tool} observation of {record.provider_name} "
            "and its debrief notes?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if record and answer == QMessageBox.StandardButton.Yes:
            try:
                self._requirements.delete_observation(record.id)
            except UserError as error:
                show_user_error(self, error, title="Delete observation")
        self.observations.setFocus()
