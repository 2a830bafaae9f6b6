"""The Help menu: keyboard shortcuts, the folders and log the app keeps, and About.

(The shortcuts list is ui/dialogs/shortcuts_dialog.py, loaded when it is first opened.)

A coach with no one to ask can find where their data lives, open the backups folder to
copy a backup to a stick, or send the log when something went wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from rooted_desktop import identity
from rooted_desktop.paths import Paths
from rooted_desktop.ui.actions import make_action

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
        self,
        text: str,
        slot: Callable[[], object],
        tip: str = "",
        keys: QKeySequence | None = None,
    ) -> QAction:
        action = make_action(self._window, text, slot, keys, tip)
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
        from rooted_desktop.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self._window).exec()
