"""Autosave: a draft is written ~1.5 s after typing stops, on focus change, and on demand.

The owner says what to save through a callback, which returns whether the draft was kept;
this class only decides when. A draft that could not be kept (a full disk) stays pending, so
the next pause, focus change or quit tries again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

DEBOUNCE_MS = 1500


class Autosaver(QObject):
    def __init__(self, owner: QWidget, save: Callable[[], bool]) -> None:
        super().__init__(owner)
        self._owner = owner
        self._save = save
        self.dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def touched(self) -> None:
        """Something was typed: save once typing pauses."""
        self.dirty = True
        self._timer.start()

    def flush(self) -> None:
        """Save now if anything changed since the last save."""
        self._timer.stop()
        if self.dirty:
            self.dirty = not self._save()

    def clean(self) -> None:
        """The form was saved for real; nothing is pending."""
        self._timer.stop()
        self.dirty = False

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is not None and self._owner.isAncestorOf(old):
            self.flush()
