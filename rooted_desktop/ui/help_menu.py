"""The Help menu: keyboard shortcuts, the folders and log the app keeps, and About.

A coach with no one to ask can find where their data lives, open the backups folder to
copy a backup to a stick, or send the log when something went wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop import identity
from rooted_desktop.paths import Paths

LICENCE_NOTE = (
    f"{identity.APP_NAME} is licensed to {identity.ORGANIZATION} coaches and is not free "
    "software. It is built with Qt for Python (PySide6, LGPL v3), SQLite (public domain), "
    "SQLAlchemy and sqlmodel (MIT), reportlab (BSD) and platformdirs (MIT); PDFs embed the "
    "DejaVu fonts under their own free licence, shipped beside them."
)


def about_text(paths: Paths) -> str:
    """The About box: what this is, which version, and where everything is kept."""
    demo = " (the demo store, apart from your own data)" if paths.is_demo else ""
    return (
        f"<h3>{identity.APP_NAME} {identity.version()}</h3>"
        f"<p>Planning and coaching documentation for {identity.ORGANIZATION} coaches. "
        "Works offline; nothing leaves this computer unless you export it.</p>"
        f"<p><b>Data folder{demo}:</b> {paths.data_dir}<br>"
        f"<b>Store file:</b> {paths.store_file}<br>"
        f"<b>Backups:</b> {paths.backup_dir}<br>"
        f"<b>Log:</b> {paths.log_file}</p>"
        f"<p>Python {sys.version.split()[0]}.</p>"
        f"<p><small>{LICENCE_NOTE}</small></p>"
    )


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every menu action with a shortcut, read from the actions
    themselves so the list cannot drift from what the keys do; then the window's other
    shortcuts that describe themselves (QShortcut with whatsThis)."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        menu.aboutToShow.emit()  # menus filled on demand (Year) list their actions now
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} › {menu_text(submenu.title())}")
                continue
            keys = action.shortcut()
            if action.isSeparator() or keys.isEmpty():
                continue
            seen.add(id(action))
            rows.append((path, menu_text(action.text()), _keys(keys)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, menu_text(menu.title()))
    for action in window.findChildren(QAction):
        if id(action) not in seen and not action.shortcut().isEmpty() and action.text():
            rows.append(("Other", menu_text(action.text()), _keys(action.shortcut())))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and not shortcut.key().isEmpty():
            rows.append(("Other", shortcut.whatsThis(), _keys(shortcut.key())))
    return rows


def menu_text(text: str) -> str:
    """Menu text without mnemonics, ellipses or tab-separated accelerators."""
    return text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 480)
        self.table = QTreeWidget()
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setColumnCount(2)
        self.table.setHeaderLabels(["Action", "Keys"])
        self.table.setRootIsDecorated(True)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(False)
        groups: dict[str, QTreeWidgetItem] = {}
        for group, action, keys in shortcut_rows(window):
            parent = groups.get(group)
            if parent is None:
                parent = groups[group] = QTreeWidgetItem([group])
                self.table.addTopLevelItem(parent)
                parent.setFirstColumnSpanned(True)
            item = QTreeWidgetItem([action, keys])
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{action}: {keys}")
            parent.addChild(item)
        self.table.expandAll()
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)
        note = QLabel(
            "In lists and tables, Enter or a double-click opens the selected line and Space "
            "ticks a checklist item. Alt with an underlined letter presses that button."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)


class HelpMenu(QMenu):
    def __init__(self, paths: Paths, window: QMainWindow) -> None:
        super().__init__("&Help", window)
        self._paths = paths
        self._window = window
        self.shortcuts_action = self._add(
            "&Keyboard shortcuts…",
            self.show_shortcuts,
            "Every shortcut of the menus",
            QKeySequence(QKeySequence.StandardKey.HelpContents),
        )
        self.addSeparator()
        self.data_folder_action = self._add(
            "Open the &data folder",
            lambda: self.open_location(paths.data_dir, "data folder"),
            "The folder with your store, backups and window settings",
        )
        self.backups_action = self._add(
            "Open the &backups folder",
            lambda: self.open_location(paths.backup_dir, "backups folder"),
            "The copies of your store taken before upgrades and restores",
        )
        self.log_action = self._add(
            "Open the &log",
            self.open_log,
            "What the app did and any errors (it never records your notes)",
        )
        self.addSeparator()
        self.about_action = self._add(f"&About {identity.APP_NAME}", self.show_about)

    def _add(
        self, text: str, slot: object, tip: str = "", keys: QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self._window)
        if keys is not None:
            action.setShortcut(keys)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _parent(self) -> QWidget:
        return self._window

    def open_location(self, path: Path, what: str) -> bool:
        """Open a folder or file in the system's file manager or viewer."""
        if not path.exists() and path.suffix == "":
            self._paths.ensure()  # the folders are created at start; recreate if removed
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        box = QMessageBox(self._parent())
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(f"Could not open the {what}")
        box.setText(f"No program here could open the {what}. It is at:")
        box.setInformativeText(str(path))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()
        return False

    def open_log(self) -> bool:
        """The log file, or its folder while nothing has been logged yet."""
        if self._paths.log_file.exists():
            return self.open_location(self._paths.log_file, "log")
        return self.open_location(self._paths.log_dir, "log folder")

    def show_about(self) -> None:
        QMessageBox.about(self._parent(), f"About {identity.APP_NAME}", about_text(self._paths))

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self._window).exec()
