"""The window's pages, each built the first time it is shown or asked for.

Start-up then builds (and imports) only the page the window opens on; the others cost
nothing until the coach goes to them. Until then each holds its place in the stack with an
empty widget that is never shown: a page is built before it is made current.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QStackedWidget, QWidget


@dataclass(frozen=True)
class PageSpec:
    title: str  # in the navigation list and the View menu
    build: Callable[[], QWidget]


class PageDeck(QStackedWidget):
    def __init__(self, specs: list[PageSpec]) -> None:
        super().__init__()
        self._specs = specs
        self._built: dict[int, QWidget] = {}
        for _spec in specs:
            self.addWidget(QWidget())  # holds the place until the page is built

    @property
    def titles(self) -> list[str]:
        return [spec.title for spec in self._specs]

    def page(self, number: int) -> QWidget:
        """Page ``number``, built now if it was not yet."""
        page = self._built.get(number)
        if page is None:
            spec = self._specs[number]
            page = spec.build()
            page.setWindowTitle(spec.title)  # what the page is called, read back by tools
            self._built[number] = page
            place = self.widget(number)
            assert place is not None, "every page has its place from the start"
            was_current = self.currentIndex() == number
            # The page goes in before its place comes out, so no other page is ever made
            # current (and shown) in between.
            self.insertWidget(number, page)
            if was_current:
                self.setCurrentIndex(number)
            self.removeWidget(place)
            place.deleteLater()
        return page

    def show_page(self, number: int) -> None:
        """Make page ``number`` current (the navigation list's row: -1 when it has none)."""
        if 0 <= number < len(self._specs):
            self.page(number)
            self.setCurrentIndex(number)
