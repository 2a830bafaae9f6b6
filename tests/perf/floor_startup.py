"""The start-up floor: import sqlmodel, show a bare PySide6 main window, say when it painted.

Run by ``tests/perf/run.py`` beside ``rooted-desktop --measure-startup``: both print one
``ready`` line after their first paint plus one turn of the event loop, and the harness
times both from outside the same way.
"""

from __future__ import annotations

import sys

import sqlmodel  # noqa: F401  (the floor pays for the ORM the app is built on)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _FirstPaint(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._ready)
        return False

    def _ready(self) -> None:
        print("ready", flush=True)
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("floor")
    window.resize(1180, 720)  # the app's default size: the same pixels to paint
    _FirstPaint(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
