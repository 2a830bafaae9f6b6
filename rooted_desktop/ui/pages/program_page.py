"""The Program page: the year's PCMs, reflective consultation and trainings, counted
against the guide at the top, each kind in its own tab with New, Edit and Delete."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.program import YearCounts
from rooted_desktop.services.changes import Change
from rooted_desktop.services.program import ProgramService
from rooted_desktop.services.providers import ProviderService
from rooted_desktop.services.years import YearService
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.dialogs.consultation_dialog import ConsultationDialog
from rooted_desktop.ui.dialogs.meeting_dialog import MeetingDialog, ProgramDialog
from rooted_desktop.ui.dialogs.training_dialog import TrainingDialog
from rooted_desktop.ui.errors import show_user_error
from rooted_desktop.ui.models.program_tables import (
    ConsultationTableModel,
    MeetingTableModel,
    RecordTableModel,
    SortRole,
    TrainingTableModel,
)
from rooted_desktop.ui.models.session_table import short_date
from rooted_desktop.ui.pages.lazy import LazyLoader

MAX_COLUMN_WIDTH = 260


def counts_lines(counts: YearCounts, guide_months: dict[str, str]) -> tuple[str, str, str]:
    """The year against the guide in three lines: PCMs, reflective consultation, trainings."""
    pcm = f"PCMs ({counts.pcm_min}–{counts.pcm_max} a year): {counts.pcm_pace_text}"
    if counts.pcms_planned:
        pcm += f"; {counts.pcms_planned} more planned"
    rc = f"Reflective consultation: {counts.rc_months_attended} of 12 months attended"
    if counts.rc_months_missing:
        rc += "; missing " + ", ".join(month.label for month in counts.rc_months_missing)
    if counts.rc_month_open is not None:
        rc += f"; {counts.rc_month_open.label} still to do"
        if counts.rc_next_planned is not None:
            rc += f" (planned {short_date(counts.rc_next_planned)})"
    parts = []
    for t in counts.trainings:
        if t.last_held_on is not None:
            parts.append(f"{t.name} done {short_date(t.last_held_on)}")
        elif t.next_planned_on is not None:
            parts.append(f"{t.name} not yet, planned {short_date(t.next_planned_on)}")
        else:
            suggested = guide_months.get(t.key)
            parts.append(f"{t.name} not yet" + (f" (guide: {suggested})" if suggested else ""))
    return pcm, rc, "Trainings: " + "; ".join(parts)


def _button(text: str, name: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    return button


class RecordSection(QWidget):
    """A table of one kind of record with New, Edit and Delete; it emits, the page decides."""

    new_requested = Signal()
    edit_requested = Signal()
    delete_requested = Signal()

    def __init__(self, model: RecordTableModel[Any], noun: str, name: str) -> None:
        super().__init__()
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(model.headers.index("Date"), Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.new_button = _button(f"&New {noun}…", f"New {noun}", f"Add a {noun}")
        self.edit_button = _button("&Edit…", f"Edit {noun}", "Enter in the table")
        self.delete_button = _button("&Delete…", f"Delete {noun}")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(self.edit_requested)
        self.delete_button.clicked.connect(self.delete_requested)
        self.table.activated.connect(lambda _index: self.edit_requested.emit())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select(self, record_id: int | None) -> None:
        row = None if record_id is None else self.model.row_of(record_id)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
        self._update_buttons()

    def fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            if self.table.columnWidth(column) > MAX_COLUMN_WIDTH:
                self.table.setColumnWidth(column, MAX_COLUMN_WIDTH)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)


class ProgramPage(QWidget):
    def __init__(
        self,
        program: ProgramService,
        providers: ProviderService,
        years: YearService,
        changes: QtChanges,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._program = program
        self._providers = providers
        self._years = years
        trainings = program.guide_trainings
        self._guide_months = {
            t.key: ", ".join(calendar.month_name[m] for m in t.suggested_months) for t in trainings
        }

        self.heading = QLabel()
        counts_box = QGroupBox("This year against the guide")
        self.pcm_count = QLabel()
        self.rc_count = QLabel()
        self.training_count = QLabel()
        counts_layout = QVBoxLayout(counts_box)
        for label in (self.pcm_count, self.rc_count, self.training_count):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            counts_layout.addWidget(label)

        self.meetings = RecordSection(
            MeetingTableModel(self), "PCM", "Provider Collaboration Meetings"
        )
        self.consultations = RecordSection(
            ConsultationTableModel(self), "consultation", "Reflective consultation sessions"
        )
        names = {t.key: t.name for t in trainings}
        self.trainings = RecordSection(TrainingTableModel(names, self), "training", "Trainings")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Program records")
        self.tabs.tabBar().setAccessibleName("Kind of record")
        self.tabs.addTab(self.meetings, "&PCMs")
        self.tabs.addTab(self.consultations, "&Reflective consultation")
        self.tabs.addTab(self.trainings, "&Trainings")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(counts_box)
        layout.addWidget(self.tabs, 1)

        self._what = {self.meetings: "PCM", self.consultations: "reflective consultation",
                      self.trainings: "training"}  # fmt: skip
        for section in self._what:
            section.new_requested.connect(lambda s=section: self._open(s, edit=False))
            section.edit_requested.connect(lambda s=section: self._open(s, edit=True))
            section.delete_requested.connect(lambda s=section: self._delete(s))
        self.loader = LazyLoader(self, self.refresh)  # loads when on screen
        changes.changed.connect(self._on_changes)

    # -- data -------------------------------------------------------------------------
    def _on_changes(self, changes: frozenset[Change]) -> None:
        if QtChanges.touches(changes, Change.PLANNING, Change.PROVIDERS, Change.SETTINGS):
            self.loader.request()

    def refresh(self) -> None:
        year, today = self._years.current(), self._program.today()
        self.heading.setText(f"<h2>Program — {year.label}</h2>")
        for section, records in (
            (self.meetings, self._program.meetings(year)),
            (self.consultations, self._program.consultations(year)),
            (self.trainings, self._program.trainings(year)),
        ):
            chosen = section.selected()
            section.model.set_records(records, today)
            section.fit_columns()
            section.select(chosen.id if chosen is not None else None)
        lines = counts_lines(self._program.counts(year), self._guide_months)
        for label, line in zip(self._count_labels(), lines, strict=True):
            label.setText(line)

    def _count_labels(self) -> tuple[QLabel, QLabel, QLabel]:
        return self.pcm_count, self.rc_count, self.training_count

    def counts_text(self) -> str:
        return "\n".join(label.text() for label in self._count_labels())

    # -- actions ----------------------------------------------------------------------
    def _open(self, section: RecordSection, *, edit: bool) -> None:
        """Show the section's dialog until the service takes its value or the coach cancels."""
        record = section.selected() if edit else None
        if edit and record is None:
            return
        today, program = self._program.today(), self._program
        dialog: ProgramDialog
        if section is self.meetings:
            dialog = MeetingDialog(self, self._providers.all(), record, today=today)
            save: Callable[..., Any] = program.save_meeting
        elif section is self.consultations:
            dialog, save = ConsultationDialog(self, record, today=today), program.save_consultation
        else:
            trainings = program.guide_trainings
            dialog = TrainingDialog(self, trainings, self._providers.all(), record, today=today)
            save = program.save_training
        while dialog.exec():
            try:
                saved = save(record.id if record is not None else None, dialog.value())
            except UserError as error:
                dialog.show_problems(
                    [d.partition(": ")[2] or d for d in error.details] or [str(error)]
                )
                continue
            section.select(saved.id)
            section.table.setFocus()
            return

    def _delete(self, section: RecordSection) -> None:
        record, what = section.selected(), self._what[section]
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            f"Delete {what}",
            f"Delete the {what} of {short_date(record.day)}? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        delete = {self.meetings: self._program.delete_meeting,
                  self.consultations: self._program.delete_consultation,
                  self.trainings: self._program.delete_training}[section]  # fmt: skip
        try:
            delete(record.id)
        except UserError as error:
            show_user_error(self, error)
        section.table.setFocus()
