"""The main window's menu bar: what each item says, its keys and its tip, and what it asks
the window to do. The window keeps the doing; this module only lays the menus out."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from rooted_desktop.paths import Paths
from rooted_desktop.services.years import YearService
from rooted_desktop.ui.actions import Keys, make_action
from rooted_desktop.ui.help_menu import HelpMenu
from rooted_desktop.ui.year_menu import YearMenu

if TYPE_CHECKING:
    from rooted_desktop.ui.file_actions import FileActions
    from rooted_desktop.ui.main_window import MainWindow


class WindowMenus:
    """File, Edit, View, Year and Help, added to ``window``'s menu bar."""

    def __init__(self, window: MainWindow, years: YearService, paths: Paths) -> None:
        bar = window.menuBar()

        def add(menu_name: str, *entries: QAction | None) -> None:
            menu = bar.addMenu(menu_name)
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                else:
                    menu.addAction(entry)

        def act(text: str, slot: Callable[[], object], keys: Keys | None = None,
                tip: str = "") -> QAction:  # fmt: skip
            return make_action(window, text, slot, keys, tip)

        def files() -> FileActions:  # built when first used, not with the menu
            return window.file_actions

        self.new_action = act(
            "&New…", window.new_item, QKeySequence.StandardKey.New, "A new item on this page"
        )
        self.new_session_action = act(
            "New &session…", window.open_session, "Ctrl+Shift+S", "Document a coaching session"
        )
        self.new_provider_action = act(
            "New &provider…", window.new_provider, "Ctrl+Shift+P", "Add a provider"
        )
        self.print_action = act(
            "Prin&t…", window.print_page, QKeySequence.StandardKey.Print,
            "What this page shows: the month's summary, the day's agendas, the sessions' sheets",
        )  # fmt: skip
        files_entries = [
            act(text, slot, tip=tip)
            for text, slot, tip in (
                ("Print the &monthly summary…",
                 lambda: files().print_monthly(window.dashboard_page.month),
                 "Dosage, sessions, CMS backlog, program and data status of the dashboard's "
                 "month"),
                ("Print &agendas for the month…", lambda: files().print_agendas(),
                 "Agendas of the planned visits on the Sessions page (this month if it shows "
                 "all)"),
                ("Print CMS entr&y sheets for the month…", lambda: files().print_cms_sheets(),
                 "Every field of the completed sessions on the Sessions page, in the order CMS "
                 "asks"),
                ("Import &roster (CSV)…", lambda: files().import_roster(),
                 "Add providers from a spreadsheet"),
                ("Import sessio&ns (CSV)…", lambda: files().import_sessions(),
                 "Add sessions from a session-log spreadsheet"),
                ("Export sessions (&CSV)…", lambda: files().export_sessions(),
                 "Write the sessions of the Sessions page's month (or all) to a spreadsheet"),
                ("Export ca&lendar (.ics)…", lambda: files().export_calendar(),
                 "The program year's visits, meetings and deadlines for Outlook or Google"),
                ("Import everything (&JSON)…", lambda: files().import_json(),
                 "Fill an empty store from a full JSON export"),
                ("&Export everything (JSON)…", lambda: files().export_json(),
                 "Write the whole store to one file, to move to a new laptop or archive"),
            )
        ]  # fmt: skip
        self.backup_action = act(
            "&Back up now",
            lambda: window.backup_runner.start(),
            tip="A checked copy of everything, in the backups folder",
        )
        self.restore_action = act(
            "Restore from a bac&kup…", window.open_backups, tip="The list of backups; put one back"
        )
        add(
            "&File",
            self.new_action, self.new_session_action, self.new_provider_action, None,
            self.print_action, *files_entries, None,
            self.backup_action, self.restore_action, None,
            act("&Quit", window.close, QKeySequence.StandardKey.Quit),
        )  # fmt: skip

        self.settings_action = act(
            "&Settings…", window.open_settings, "Ctrl+,", "Your profile and the agenda template"
        )
        add(
            "&Edit",
            act("&Find…", window.find_on_page, QKeySequence.StandardKey.Find,
                "Filter the current page"),
            None,
            self.settings_action,
        )  # fmt: skip

        add(
            "&View",
            *(
                act(
                    title.replace("&", "&&"),  # "Data & evaluation" shows its ampersand
                    partial(window.show_page, number),
                    f"Ctrl+{number + 1}",
                )
                for number, title in enumerate(window.stack.titles)
            ),
        )

        self.year_menu = YearMenu(years, window)
        bar.addMenu(self.year_menu)
        self.help_menu = HelpMenu(paths, window)
        bar.addMenu(self.help_menu)
