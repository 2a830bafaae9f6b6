"""Help → Keyboard shortcuts: every shortcut the window's menus and pages offer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every menu action with a shortcut, read from the actions
    themselves so the list cannot drift from what the keys do; then the window's other
    shortcuts that describe themselves (QShortcut with whatsThis). Two actions of a menu
    that read the same (File's "New session…": Ctrl+N and its own key) are one line, "or"
    between the keys (a comma would read as a sequence of keys)."""
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
    merged: dict[tuple[str, str], list[str]] = {}
    for group, text, keys in rows:
        merged.setdefault((group, text), []).append(keys)
    return [(group, text, " or ".join(keys)) for (group, text), keys in merged.items()]


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
