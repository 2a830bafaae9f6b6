"""The Year menu: switch between program years, or start the next one."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from rooted_desktop.services.years import YearService


class YearMenu(QMenu):
    def __init__(self, years: YearService, parent: QWidget) -> None:
        super().__init__("&Year", parent)
        self._years = years
        self.aboutToShow.connect(self.fill)  # the window also fills it once it has painted

    def fill(self) -> None:
        """The program years to switch between, and starting the next one."""
        self.clear()
        current = self._years.current()
        years = sorted(set(self._years.years()) | {current})
        for year in years:
            action = self.addAction(f"Program year {year.label}")
            action.setCheckable(True)
            action.setChecked(year == current)
            action.triggered.connect(lambda _c=False, y=year: self._years.select(y))
        self.addSeparator()
        following = max(years).next()
        start = self.addAction(f"Start program year {following.label}…")
        start.triggered.connect(self.start_next_year)

    def start_next_year(self) -> None:
        following = max([*self._years.years(), self._years.current()]).next()
        answer = QMessageBox.question(
            self.parentWidget(),
            "Start the next program year",
            f"Start program year {following.label} ({following.first_day:%B %Y} to "
            f"{following.last_day:%B %Y})? Your active providers and their open action "
            "plans carry over; earlier years stay as they are.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._years.start_next()
