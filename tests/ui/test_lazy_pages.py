"""Pages read only what is on screen: the first page at start, the others when shown, a
hidden page after a change only once it is shown again; the calendar reads exactly the
six weeks its grid shows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QTableView, QWidget

from rooted_desktop.core.calendar import Month, grid_range
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.paths import Paths
from rooted_desktop.ui import main_window
from rooted_desktop.ui.main_window import CALENDAR, DASHBOARD, PROVIDERS, SESSIONS, MainWindow
from rooted_desktop.ui.pages.dashboard_page import DashboardPage
from rooted_desktop.ui.pages.sessions_page import SessionsPage
from rooted_desktop.ui.widgets.month_grid import MonthGrid


def test_only_the_shown_page_loads_and_a_hidden_one_catches_up_when_shown(
    qtbot: Any, services: Any, paths: Paths
) -> None:
    window = MainWindow(services, paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is window.dashboard_page
    assert not window.dashboard_page.loader.stale
    hidden = (window.providers_page, window.sessions_page, window.calendar_page)
    assert all(page.loader.stale for page in hidden)
    assert window.providers_page.model.rowCount() == 0

    services.providers.add(ProviderInput(name="Zoë Martínez", setting="center",
                                         age_group="preschool"))  # fmt: skip
    assert window.providers_page.loader.stale  # not reloaded while nobody looks at it
    window.show_page(window.pages.index(window.providers_page))
    assert not window.providers_page.loader.stale
    assert window.providers_page.proxy.rowCount() == 1


@pytest.mark.parametrize("year, month", [(2026, 12), (2026, 11), (2027, 2), (2021, 8)])
def test_grid_range_is_what_the_month_grid_shows(qtbot: Any, year: int, month: int) -> None:
    grid = MonthGrid()
    qtbot.addWidget(grid)
    grid.setCurrentPage(year, month)
    view = grid.findChild(QTableView)
    assert view is not None
    model = view.model()
    first, last = grid_range(Month(year, month))
    # Row 0 holds the weekday names; six rows of seven days follow.
    assert model.data(model.index(1, 0)) == first.day
    assert model.data(model.index(6, 6)) == last.day
    assert (last - first).days == 41
    assert first <= date(year, month, 1) and first.weekday() == 6  # a Sunday


def test_missing_requirement_rows_are_made_when_the_window_opens(
    qtbot: Any, services: Any, paths: Paths
) -> None:
    """Providers added without the window (the command line) get their data requirements
    when it opens, as when the Data page made them at construction."""
    services.providers.add(ProviderInput(name="Ana Ruiz", setting="fcch",
                                         age_group="infant-toddler"))  # fmt: skip
    year = services.years.current()
    assert services.requirements.matrix(year).rows == ()
    window = MainWindow(services, paths)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.settled):  # made once the first page has painted
        window.show()
    assert len(services.requirements.matrix(year).rows) == 1
    assert window.data_page.loader.stale  # made without loading the page


def test_only_the_page_the_window_opens_on_is_built(
    qtbot: Any, services: Any, paths: Paths
) -> None:
    window = MainWindow(services, paths)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.settled):
        window.show()
    assert window.stack.currentIndex() == DASHBOARD
    kinds = [type(window.stack.widget(number)) for number in range(window.stack.count())]
    assert kinds[DASHBOARD] is DashboardPage
    assert kinds[1:] == [QWidget] * 6  # places held, nothing built
    assert window.nav.count() == 7 and window.nav.item(SESSIONS).text() == "Sessions"
    assert window.menus.year_menu.actions(), "the Year menu is filled once the first page painted"

    window.show_page(SESSIONS)
    sessions = window.stack.currentWidget()
    assert isinstance(sessions, SessionsPage) and sessions is window.sessions_page
    assert sessions.windowTitle() == "Sessions"
    assert window.stack.indexOf(sessions) == SESSIONS
    assert type(window.stack.widget(CALENDAR)) is QWidget
    assert window.calendar_page is window.calendar_page  # built once, on first ask
    assert window.stack.currentIndex() == SESSIONS  # asking does not show it


def test_the_window_reopens_on_the_page_it_closed_on(
    qtbot: Any, services: Any, paths: Paths
) -> None:
    first = MainWindow(services, paths)
    qtbot.addWidget(first)
    first.show_page(PROVIDERS)
    first.close()  # keeps the page in the window settings
    again = MainWindow(services, paths)
    qtbot.addWidget(again)
    assert again.stack.currentIndex() == PROVIDERS
    assert type(again.stack.widget(DASHBOARD)) is QWidget  # the dashboard waits its turn


def test_a_window_that_is_never_painted_still_settles(
    qtbot: Any, services: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window started minimised: backups and the second-start listener do not wait."""
    monkeypatch.setattr(main_window, "SETTLE_AT_THE_LATEST_MS", 50)
    window = MainWindow(services, paths)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.settled, timeout=5000):
        pass  # never shown
    assert window.menus.year_menu.actions()


def test_settled_fires_even_when_the_start_up_work_fails(
    qtbot: Any, services: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_year: object) -> int:
        raise UserError("Could not write to the store: the disk is full.")

    monkeypatch.setattr(services.requirements, "ensure_year", full)
    monkeypatch.setattr(main_window, "SETTLE_AT_THE_LATEST_MS", 50)
    window = MainWindow(services, paths)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.settled, timeout=5000), pytest.raises(UserError):
        window._settle_in()
    window._settle_in()  # once only: the timer's call does nothing
