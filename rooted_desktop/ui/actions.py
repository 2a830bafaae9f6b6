"""One way to make a menu action: its text, what it does, its keys and its status-bar tip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Keys = QKeySequence | QKeySequence.StandardKey | str


def make_action(
    parent: QWidget, text: str, slot: Callable[[], object], keys: Keys | None = None, tip: str = ""
) -> QAction:
    action = QAction(text, parent)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())  # the slot takes no "checked"
    return action
