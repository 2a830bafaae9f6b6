"""Pages load their data when they are on screen, not when they are built.

Start-up then reads only what the first page shows, and a change to the data reloads only
the page the coach is looking at; the other pages are marked stale and reload when they
are next shown (the Show event arrives before the first paint, so a stale frame is never
seen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class LazyLoader(QObject):
    """Runs a page's ``refresh`` now if the page is visible, else when it is next shown."""

    def __init__(self, page: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(page)
        self._page = page
        self._refresh = refresh
        self.stale = True  # nothing loaded yet
        page.installEventFilter(self)

    def request(self) -> None:
        """The page's data changed (or its filters did): reload when it can be seen."""
        self.stale = True
        if self._page.isVisible():
            self.load()

    def load(self) -> None:
        self.stale = False
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self.stale:
            self.load()
        return False
