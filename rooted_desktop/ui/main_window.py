"""The main window: assembles pages, menus and actions; the pages do the work."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QWidget,
)

from rooted_desktop import identity
from rooted_desktop.core.calendar import Month
from rooted_desktop.core.calendar_items import CalendarItem, ItemKind
from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.paths import Paths
from rooted_desktop.services.changes import Change
from rooted_desktop.services.container import Services
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.first_paint import AfterFirstPaint
from rooted_desktop.ui.pages.deck import PageDeck, PageSpec
from rooted_desktop.ui.session_windows import SessionWindows
from rooted_desktop.ui.window_menus import WindowMenus

if TYPE_CHECKING:
    # Pages, dialogs, printing and backups load when first used, not on the way to the
    # first paint: the window opens on one page.
    from rooted_desktop.ui.backup_runner import BackupRunner
    from rooted_desktop.ui.dialogs.backups_dialog import BackupsDialog
    from rooted_desktop.ui.dialogs.session_window import SessionWindow
    from rooted_desktop.ui.dialogs.welcome_dialog import WelcomeDialog
    from rooted_desktop.ui.file_actions import FileActions
    from rooted_desktop.ui.pages.calendar_page import CalendarPage
    from rooted_desktop.ui.pages.dashboard_page import DashboardPage
    from rooted_desktop.ui.pages.data_page import DataPage
    from rooted_desktop.ui.pages.program_page import ProgramPage
    from rooted_desktop.ui.pages.providers_page import ProvidersPage
    from rooted_desktop.ui.pages.sessions_page import SessionsPage
    from rooted_desktop.ui.pages.year_plan_page import YearPlanPage
    from rooted_desktop.ui.workers import DocumentRunner

# The pages in the order of the navigation list and of their Ctrl+number shortcuts.
DASHBOARD, CALENDAR, SESSIONS, PROVIDERS, PROGRAM, DATA, YEAR_PLAN = range(7)
SETTLE_AT_THE_LATEST_MS = 5000


class MainWindow(QMainWindow):
    settled = Signal()  # the first page has painted and the deferred start-up work is done

    def __init__(self, services: Services, paths: Paths) -> None:
        super().__init__()
        self._services = services
        self._paths = paths
        self._settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        self.changes = QtChanges(services.bus, self)

        title = identity.APP_NAME + (" — DEMO" if paths.is_demo else "")
        self.setWindowTitle(title)
        self.setMinimumSize(720, 480)  # fits a 1366x768 laptop at 150 % scaling

        self.restore_request: Path | None = None  # app.py restores it once this window closes
        self._sessions = SessionWindows(self, services)
        self.open_session = self._sessions.open  # each session in a window of its own
        # A calendar item that is not a visit opens the page that keeps it.
        self._pages_for_items: dict[ItemKind, int] = {
            ItemKind.PCM: PROGRAM,
            ItemKind.RC: PROGRAM,
            ItemKind.TRAINING: PROGRAM,
            ItemKind.OBSERVATION: DATA,
            ItemKind.DEADLINE: DATA,
        }
        self.stack = PageDeck(
            [  # the year plan last, so the other pages keep their Ctrl+number
                PageSpec("Dashboard", self._build_dashboard),
                PageSpec("Calendar", self._build_calendar),
                PageSpec("Sessions", self._build_sessions),
                PageSpec("Providers", self._build_providers),
                PageSpec("Program", self._build_program),
                PageSpec("Data & evaluation", self._build_data),
                PageSpec("Year plan", self._build_year_plan),
            ]
        )

        self.nav = QListWidget()
        self.nav.setAccessibleName("Pages")
        for number, title in enumerate(self.stack.titles, start=1):
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} (Ctrl+{number})")
            self.nav.addItem(item)
        # As wide as the longest title, no wider: at 150 % on a laptop every pixel is a page's.
        self.nav.setMaximumWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 16)
        self.nav.currentRowChanged.connect(self.stack.show_page)
        self.nav.currentRowChanged.connect(lambda _row: self._update_new_action())

        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.menus = WindowMenus(self, services.years, paths)
        self._build_status_bar()
        self.changes.changed.connect(self._on_changes)
        self._restore_state()
        # What the first page does not need waits until it has shown the coach their data,
        # or a few seconds if it is not painted (a window started minimised): backups and the
        # second-start listener must not wait for the coach to look.
        self._settled_in = False
        AfterFirstPaint(self.stack.page(self.stack.currentIndex()), self._settle_in)
        QTimer.singleShot(SETTLE_AT_THE_LATEST_MS, self, self._settle_in)

    def _settle_in(self) -> None:
        if self._settled_in:
            return
        self._settled_in = True
        try:
            self.menus.year_menu.fill()  # also refilled each time it opens
            # Rows for requirements the guide added (or providers imported from the command
            # line) since the last run. A few indexed reads, and a write only when something
            # is missing; a page showing requirements reloads if one was.
            self._ensure_requirements()
        finally:
            self.settled.emit()  # what waits for it (backups, GC, questions) runs regardless

    # -- pages, built the first time they are shown or asked for -------------------------
    @property
    def pages(self) -> list[QWidget]:
        """Every page, in navigation order (building any not built yet)."""
        return [self.stack.page(number) for number in range(self.stack.count())]

    @property
    def dashboard_page(self) -> DashboardPage:
        return cast("DashboardPage", self.stack.page(DASHBOARD))

    @property
    def calendar_page(self) -> CalendarPage:
        return cast("CalendarPage", self.stack.page(CALENDAR))

    @property
    def sessions_page(self) -> SessionsPage:
        return cast("SessionsPage", self.stack.page(SESSIONS))

    @property
    def providers_page(self) -> ProvidersPage:
        return cast("ProvidersPage", self.stack.page(PROVIDERS))

    @property
    def program_page(self) -> ProgramPage:
        return cast("ProgramPage", self.stack.page(PROGRAM))

    @property
    def data_page(self) -> DataPage:
        return cast("DataPage", self.stack.page(DATA))

    @property
    def year_plan_page(self) -> YearPlanPage:
        return cast("YearPlanPage", self.stack.page(YEAR_PLAN))

    def _build_dashboard(self) -> QWidget:
        from rooted_desktop.ui.pages.dashboard_page import DashboardPage

        page = DashboardPage(self._services.dashboard, self.changes)
        page.session_requested.connect(lambda sid: self.open_session(sid))
        page.provider_month_requested.connect(self._show_provider_month)
        page.drafts_requested.connect(self.offer_drafts)
        page.summary_requested.connect(lambda month: self.file_actions.print_monthly(month))
        page.program_requested.connect(lambda: self.show_page(PROGRAM))
        page.data_requested.connect(lambda: self.show_page(DATA))
        return page

    def _build_calendar(self) -> QWidget:
        from rooted_desktop.ui.pages.calendar_page import CalendarPage

        services = self._services
        page = CalendarPage(
            services.calendar, self.changes, clock=services.clock, open_session=self.open_session
        )
        page.item_requested.connect(self._open_calendar_item)
        page.agendas_requested.connect(lambda query: self.file_actions.print_agendas(query))
        return page

    def _build_sessions(self) -> QWidget:
        from rooted_desktop.ui.pages.sessions_page import SessionsPage

        page = SessionsPage(self._services, self.changes, open_session=self.open_session)
        page.agendas_requested.connect(lambda query: self.file_actions.print_agendas(query))
        page.cms_sheets_requested.connect(lambda query: self.file_actions.print_cms_sheets(query))
        return page

    def _build_providers(self) -> QWidget:
        from rooted_desktop.ui.pages.providers_page import ProvidersPage

        return ProvidersPage(
            self._services.providers,
            self.changes,
            import_roster=lambda: self.file_actions.import_roster(),
            open_action_plan=self.open_action_plan,
        )

    def _build_program(self) -> QWidget:
        from rooted_desktop.ui.pages.program_page import ProgramPage

        services = self._services
        return ProgramPage(services.program, services.providers, services.years, self.changes)

    def _build_data(self) -> QWidget:
        from rooted_desktop.ui.pages.data_page import DataPage

        return DataPage(self._services.requirements, self._services.years, self.changes)

    def _build_year_plan(self) -> QWidget:
        from rooted_desktop.ui.pages.year_plan_page import YearPlanPage

        page = YearPlanPage(self._services.year_plan, self.changes)
        page.checklist_requested.connect(self._show_dashboard_month)
        return page

    # -- helpers built on first use ----------------------------------------------------
    @cached_property
    def documents(self) -> DocumentRunner:
        from rooted_desktop.ui.workers import DocumentRunner

        return DocumentRunner(self)

    @cached_property
    def backup_runner(self) -> BackupRunner:
        from rooted_desktop.ui.backup_runner import BackupRunner

        return BackupRunner(
            self,
            self._services.backups,
            status=lambda text, ms: self.statusBar().showMessage(text, ms),
        )

    @cached_property
    def file_actions(self) -> FileActions:
        from rooted_desktop.ui.file_actions import FileActions

        return FileActions(
            self,
            self._services,
            show_providers=lambda: self.show_page(PROVIDERS),
            show_sessions=lambda: self.show_page(SESSIONS),
            sessions_query=lambda: self.sessions_page.query(),
            status=lambda text, ms: self.statusBar().showMessage(text, ms),
            documents=self.documents,
        )

    # -- assembly ---------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.store_label = QLabel()
        self.store_label.setAccessibleName("Store location")
        self.year_label = QLabel()
        self.year_label.setAccessibleName("Program year")
        if self._paths.is_demo:
            demo = QLabel(" DEMO STORE — not your real data ")
            demo.setAccessibleName("Demo store")
            demo.setStyleSheet(
                "font-weight: bold; border: 1px solid palette(text); padding: 1px 6px"
            )
            self.statusBar().addWidget(demo)
        self.statusBar().addWidget(self.store_label, 1)
        self.statusBar().addPermanentWidget(self.year_label)
        self._update_status()

    def _update_status(self) -> None:
        self.store_label.setText(f"Store: {self._paths.store_file}")
        self.store_label.setToolTip(str(self._paths.store_file))
        self.year_label.setText(f"Program year {self._services.years.current().label}")

    def _on_changes(self, changes: frozenset[Change]) -> None:
        if QtChanges.touches(changes, Change.SETTINGS):
            self._update_status()
        if QtChanges.touches(changes, Change.PROVIDERS, Change.SETTINGS):
            self._ensure_requirements()

    def _ensure_requirements(self) -> None:
        """Every enrolled provider has the year's data requirements that apply to them."""
        if self._services.requirements.ensure_year(self._services.years.current()):
            self._services.bus.publish(Change.REQUIREMENTS)

    def _update_new_action(self) -> None:
        noun = "provider" if self.stack.currentIndex() == PROVIDERS else "session"
        self.menus.new_action.setText(f"&New {noun}…")

    def show_page(self, number: int) -> None:
        self.nav.setCurrentRow(number)
        self.stack.page(number).setFocus()

    # -- window state -----------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 720)
        state = self._settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        page = self._settings.value("window/page", 0)
        self.nav.setCurrentRow(
            int(page) if isinstance(page, (int, str)) and str(page).isdigit() else 0
        )

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("window/page", self.nav.currentRow())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    def bring_forward(self) -> None:
        """Another start of the app found this one: show it instead of a second window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- sessions -----------------------------------------------------------------------
    @property
    def session_windows(self) -> list[SessionWindow]:
        return self._sessions.open_now

    def keep_drafts(self) -> None:
        """The desktop session is ending (or the app quits): keep every open form's text."""
        self._sessions.keep_drafts()

    def offer_drafts(self) -> None:
        """Offer back what was typed but not saved before the app last stopped."""
        self._sessions.offer_drafts()

    def _show_provider_month(self, provider_id: int, month: Month) -> None:
        self.sessions_page.show_provider_month(provider_id, month)
        self.show_page(SESSIONS)

    def _open_calendar_item(self, item: CalendarItem) -> None:
        """A meeting, training, observation or deadline opens the page that keeps it."""
        number = self._pages_for_items.get(item.kind)
        if number is not None:
            self.show_page(number)

    # -- actions ----------------------------------------------------------------------
    def new_item(self) -> None:
        """Ctrl+N: a provider on the Providers page, a calendar item on the Calendar's, else
        a session."""
        number = self.stack.currentIndex()
        if number == PROVIDERS:
            self.providers_page.add_provider()
        elif number == CALENDAR:
            self.calendar_page.new_item()
        else:
            self.open_session()

    def new_provider(self) -> None:
        self.show_page(PROVIDERS)
        self.providers_page.add_provider()

    def print_page(self) -> None:
        """Ctrl+P prints what the page is about; pages without a document get the summary."""
        page = self.stack.currentWidget()
        print_current = getattr(page, "print_current", None)
        if callable(print_current):
            print_current()
        else:
            self.file_actions.print_monthly(self.dashboard_page.month)

    def find_on_page(self) -> None:
        page = self.stack.currentWidget()
        focus = getattr(page, "focus_filter", None)
        if callable(focus):
            focus()

    def open_action_plan(self, provider: ProviderRecord) -> None:
        from rooted_desktop.ui.dialogs.action_plan_dialog import ActionPlanDialog

        ActionPlanDialog(self, self._services.action_plans, provider).exec()

    def open_backups(self) -> BackupsDialog:
        from rooted_desktop.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self, self._services.backups, self.backup_runner)
        dialog.finished.connect(lambda _code: self._restore_if_chosen(dialog.chosen))
        dialog.open()
        return dialog

    def _restore_if_chosen(self, chosen: Path | None) -> None:
        """Close everything so app.py can restore ``chosen`` on the closed store, then reopen."""
        if chosen is None:
            return
        if not self._sessions.close_all():  # the coach kept one open to save it first
            return
        self.restore_request = chosen
        if not self.close():
            self.restore_request = None

    def open_settings(self) -> None:
        from rooted_desktop.ui.dialogs.settings_dialog import SettingsDialog

        SettingsDialog(self, self._services.agenda, self._services.profile).exec()

    def _show_dashboard_month(self, month: Month) -> None:
        """The year plan's follow-ups live in the dashboard's checklist: show it there."""
        self.dashboard_page.show_month(month)
        self.show_page(DASHBOARD)
        self.dashboard_page.plan.setFocus()

    def welcome_if_new(self) -> WelcomeDialog | None:
        """On a store nobody has set up, greet the coach (once: the answer is stored)."""
        if self._paths.is_demo or not self.isVisible() or not self._services.welcome.needed():
            return None
        from rooted_desktop.ui.dialogs.welcome_dialog import WelcomeDialog

        dialog = WelcomeDialog(
            self,
            self._services,
            self._paths,
            add_provider=self.new_provider,
            import_roster=lambda: self.file_actions.import_roster(),
        )
        dialog.open()  # window-modal without a nested event loop
        return dialog
