"""Work that waits for a widget's first paint: start-up shows the coach their data first.

Filling menus, checking the year's rows and timing start-up all hang off the same moment:
the first Paint of the page the window opens on, plus one turn of the event loop so the
painted frame has been handed to the window system.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Calls ``then`` once, after the first paint of ``widget`` for which ``ready()`` holds."""

    def __init__(
        self,
        widget: QWidget,
        then: Callable[[], None],
        *,
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then = then
        self._ready = ready
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint and self._ready():
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)  # once the painted frame is out
        return False
