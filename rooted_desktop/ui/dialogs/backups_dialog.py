"""Backups: the list (newest first), Back up now, Restore…, and the second copy folder.

Restoring replaces everything the app holds, so the dialog only records the choice after
the coach confirms it; the main window then closes and app.py restores on the closed
store (backing up the current one first) and opens the app again.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.backup_rotation import DEFAULT_POLICY
from rooted_desktop.core.errors import UserError
from rooted_desktop.services.backups import BackupInfo, BackupService
from rooted_desktop.ui.backup_runner import BackupRunner
from rooted_desktop.ui.errors import show_user_error
from rooted_desktop.ui.models.record_table import RecordTableModel


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupColumn(IntEnum):
    TAKEN = 0
    REASON = 1
    SIZE = 2


class BackupTableModel(RecordTableModel[BackupInfo, BackupColumn]):
    columns = BackupColumn
    headers = ("Taken", "Why", "Size")
    id_attribute = "path"

    def text(self, row: BackupInfo, column: BackupColumn) -> str:
        if column == BackupColumn.TAKEN:
            return row.when
        if column == BackupColumn.REASON:
            return row.label
        return size_text(row.size)

    def tooltip(self, row: BackupInfo, column: BackupColumn) -> str | None:
        return str(row.path)

    def role_data(self, row: BackupInfo, column: BackupColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == BackupColumn.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().role_data(row, column, role)


class BackupsDialog(QDialog):
    def __init__(self, parent: QWidget, backups: BackupService, runner: BackupRunner) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 460)
        self._backups = backups
        self._runner = runner
        self.chosen: Path | None = None  # the backup to restore, once confirmed

        policy = DEFAULT_POLICY
        intro = QLabel(
            "A backup is made when the app starts, every 30 minutes while you work, and "
            "before every import, upgrade and restore. Each one is checked before it counts. "
            f"Kept: one a day for {policy.daily} days, one a week for {policy.weekly} weeks, "
            f"one a month for {policy.monthly} months, and the last {policy.events} taken "
            f"before a change.\nFolder: {backups.backup_dir}"
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Backups, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BackupColumn.REASON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BackupColumn.TAKEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupColumn.SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.empty_label = QLabel("No backups yet.")

        self.backup_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setToolTip(
            "Put the selected backup back in place of what the app holds now"
        )
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)

        self.second_label = QLabel()
        self.second_label.setWordWrap(True)
        self.second_label.setAccessibleName("Second copy folder")
        self.choose_button = QPushButton("&Choose folder…")
        self.clear_button = QPushButton("&Stop copying")
        self.choose_button.clicked.connect(self.choose_second)
        self.clear_button.clicked.connect(self.clear_second)
        second_row = QHBoxLayout()
        second_row.addWidget(self.second_label, 1)
        second_row.addWidget(self.choose_button)
        second_row.addWidget(self.clear_button)
        second = QGroupBox("Second copy (a USB stick or a synced folder)")
        second.setLayout(second_row)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(actions)
        layout.addWidget(second)
        layout.addWidget(close)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        # Bound methods: the connections end with the dialog.
        runner.made.connect(self._backup_made)
        runner.failed.connect(self._backup_failed)
        self.refresh()

    def _backup_made(self, _result: object) -> None:
        self.refresh()

    def _backup_failed(self, _why: str) -> None:
        self._update_buttons()

    def refresh(self) -> None:
        rows = self._backups.all()
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        if rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        folder = self._backups.second_destination()
        if folder is None:
            self.second_label.setText("Not set: backups stay on this computer only.")
        elif folder.is_dir():
            self.second_label.setText(f"Every backup is copied to {folder}.")
        else:
            self.second_label.setText(
                f"Every backup is copied to {folder}, which is not there now "
                "(is the drive plugged in?)."
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)
        self.backup_button.setEnabled(not self._runner.busy())
        self.clear_button.setEnabled(self._backups.second_destination() is not None)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def back_up_now(self) -> None:
        if self._runner.start("manual"):
            self.backup_button.setEnabled(False)

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        problem = self._backups.problem(info.path)
        if problem is not None:
            show_user_error(
                self,
                UserError(f"The backup taken {info.when} cannot be restored: {problem}."),
                title="Backup not usable",
            )
            return
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Replace everything in the app with the backup taken {info.when} "
            f"({info.label})?\n\nWhat the app holds now is backed up first, so you can come "
            "back to it from this list. The app closes its windows and opens again.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.chosen = info.path
        self.accept()

    def choose_second(self) -> None:
        current = self._backups.second_destination()
        name = QFileDialog.getExistingDirectory(
            self, "Folder for a second copy of every backup", str(current or Path.home())
        )
        if not name:
            return
        try:
            self._backups.set_second_destination(Path(name))
        except UserError as error:
            show_user_error(self, error, title="Folder not used")
            return
        self.refresh()

    def clear_second(self) -> None:
        self._backups.set_second_destination(None)
        self.refresh()
