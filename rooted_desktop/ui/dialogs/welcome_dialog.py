"""First run: a short welcome on a store nobody has set up yet.

Three steps a coach can do in a minute (who they are, which program year, their
providers), or a look at the demo first. Finishing or skipping is recorded in the store,
so the welcome never comes back for this store.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop import identity
from rooted_desktop.core.calendar import ProgramYear
from rooted_desktop.core.errors import UserError
from rooted_desktop.paths import Paths
from rooted_desktop.services.container import Services
from rooted_desktop.services.welcome import WelcomeOutcome
from rooted_desktop.ui.errors import show_user_error


def demo_command(paths: Paths) -> tuple[str, list[str]]:
    """The program and arguments that open this app on its demo store in a new process.

    A frozen bundle's executable is the app itself; from a checkout or a wheel it is the
    Python running us, told to run the package. The data folder is passed only when it is
    not the default, so the demo sits beside the store the coach is using.
    """
    if getattr(sys, "frozen", False):
        program, arguments = sys.executable, []
    else:
        program, arguments = sys.executable, ["-m", "rooted_desktop"]
    if paths.data_dir != Paths.resolve().data_dir:
        arguments += ["--data-dir", str(paths.data_dir)]
    return program, [*arguments, "--demo"]


def launch_demo(paths: Paths) -> bool:
    program, arguments = demo_command(paths)
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)


def year_text(year: ProgramYear) -> str:
    return f"{year.label} ({year.first_day:%B %Y} – {year.last_day:%B %Y})"


class WelcomeDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        paths: Paths,
        *,
        add_provider: Callable[[], None],
        import_roster: Callable[[], None],
        launch: Callable[[Paths], bool] = launch_demo,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._paths = paths
        self._add_provider = add_provider
        self._import_roster = import_roster
        self._launch = launch
        self.setWindowTitle(f"Welcome to {identity.APP_NAME}")
        self.setMinimumWidth(560)

        intro = QLabel(
            f"<h2>Welcome to {identity.APP_NAME}</h2>"
            "<p>Three quick steps and you are ready to plan, document and track your "
            "coaching. Everything stays on this computer. You can change all of it later: "
            "Edit → Settings, the Year menu and the Providers page.</p>"
        )
        intro.setWordWrap(True)

        profile = services.profile.get()
        self.name = QLineEdit(profile.name)
        self.name.setAccessibleName("Your name")
        self.email = QLineEdit(profile.email)
        self.email.setAccessibleName("Your email")
        self.email.setPlaceholderText("name@example.org")
        you = QGroupBox("1. About you")
        you_form = QFormLayout(you)
        you_form.addRow("Your &name:", self.name)
        you_form.addRow("&Email:", self.email)
        you_note = QLabel("Your name signs feedback emails and heads printed documents.")
        you_note.setWordWrap(True)
        you_form.addRow("", you_note)

        self.year = QComboBox()
        self.year.setAccessibleName("Program year")
        today_year = ProgramYear.containing(services.clock())
        current = services.years.current()
        for year in sorted({today_year.previous(), today_year, today_year.next(), current}):
            self.year.addItem(year_text(year), year.start_year)  # ints: findData compares them
        self.year.setCurrentIndex(self.year.findData(current.start_year))
        year_box = QGroupBox("2. Program year")
        year_form = QFormLayout(year_box)
        year_form.addRow("Program &year:", self.year)
        year_note = QLabel("Program years run July to June; the Year menu starts the next one.")
        year_note.setWordWrap(True)
        year_form.addRow("", year_note)

        self.add_button = QPushButton("&Add a provider…")
        self.import_button = QPushButton("&Import a roster (CSV)…")
        self.import_button.setToolTip(
            "A spreadsheet saved as CSV with the columns name, site, setting, age_group, "
            "email, phone"
        )
        self.providers_label = QLabel()
        self.providers_label.setWordWrap(True)
        self.providers_label.setAccessibleName("Your providers so far")
        providers_box = QGroupBox("3. Your providers")
        providers_column = QVBoxLayout(providers_box)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_button)
        buttons_row.addWidget(self.import_button)
        buttons_row.addStretch(1)
        providers_column.addLayout(buttons_row)
        providers_column.addWidget(self.providers_label)

        self.demo_button = QPushButton("Open the &demo")
        self.demo_button.setToolTip("A realistic made-up year in its own window and store")
        self.demo_label = QLabel(
            "The demo opens in a separate window on its own store with a realistic, "
            "made-up year of coaching. Your own store is not touched."
        )
        self.demo_label.setWordWrap(True)
        self.demo_label.setAccessibleName("About the demo")
        demo_box = QGroupBox("Or look around first")
        demo_row = QHBoxLayout(demo_box)
        demo_row.addWidget(self.demo_label, 1)
        demo_row.addWidget(self.demo_button)

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton("&Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setToolTip("Save your name, email and program year")
        self.skip_button = self.buttons.addButton(
            "S&kip for now", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.skip_button.setToolTip("Set things up later; this welcome will not come back")
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(you)
        layout.addWidget(year_box)
        layout.addWidget(providers_box)
        layout.addWidget(demo_box)
        layout.addWidget(self.buttons)

        self.add_button.clicked.connect(lambda: self._providers_step(self._add_provider))
        self.import_button.clicked.connect(lambda: self._providers_step(self._import_roster))
        self.demo_button.clicked.connect(self.open_demo)
        self._show_providers()
        self.name.setFocus()

    def _show_providers(self) -> None:
        providers = self._services.providers.all()
        if not providers:
            self.providers_label.setText(
                "No providers yet. Add them one by one, or import the roster your program "
                "sent as a CSV file."
            )
            return
        names = ", ".join(p.name for p in providers[:6])
        more = f" and {len(providers) - 6} more" if len(providers) > 6 else ""
        count = "1 provider" if len(providers) == 1 else f"{len(providers)} providers"
        self.providers_label.setText(f"{count} so far: {names}{more}.")

    def _apply_year(self) -> None:
        """Use the chosen year now, so providers added next are enrolled in it."""
        chosen = self.year.currentData()
        if isinstance(chosen, int) and ProgramYear(chosen) != self._services.years.current():
            self._services.years.select(ProgramYear(chosen))

    def _providers_step(self, action: Callable[[], None]) -> None:
        self._apply_year()
        action()
        self._show_providers()
        self.raise_()
        self.activateWindow()

    def open_demo(self) -> None:
        if self._launch(self._paths):
            self.demo_label.setText(
                "The demo is opening in its own window (titled DEMO). Close it when you are "
                "done; come back here to set up your own store."
            )
        else:
            program, arguments = demo_command(self._paths)
            self.demo_label.setText(
                "The demo could not be started from here. Start it yourself with: "
                f"{' '.join([program, *arguments])}"
            )

    def accept(self) -> None:
        """Save what was filled in and never greet this store again."""
        before = self._services.profile.get()
        profile = replace(before, name=self.name.text().strip(), email=self.email.text().strip())
        try:
            if profile != before:
                self._services.profile.save(profile)
        except UserError as error:
            show_user_error(self, error, title="Your details were not saved")
            self.email.setFocus()
            return
        self._apply_year()
        self._services.welcome.record(WelcomeOutcome.DONE)
        super().accept()

    def reject(self) -> None:
        """Skip for now (Escape and closing the window too): the answer is kept all the same."""
        self._services.welcome.record(WelcomeOutcome.SKIPPED)
        super().reject()
