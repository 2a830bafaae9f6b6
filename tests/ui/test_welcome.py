"""First run: a welcome on an empty store, once; the profile, year and providers it sets up."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QProcess, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from rooted_desktop.app import run_app
from rooted_desktop.core.calendar import ProgramYear
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.paths import Paths
from rooted_desktop.services.container import Services
from rooted_desktop.services.welcome import WelcomeOutcome
from rooted_desktop.ui.dialogs.provider_dialog import ProviderDialog
from rooted_desktop.ui.dialogs.welcome_dialog import WelcomeDialog, demo_command
from rooted_desktop.ui.main_window import MainWindow
from tests.conftest import TODAY


@pytest.fixture
def window(qtbot: Any, services: Any, paths: Paths) -> MainWindow:
    win = MainWindow(services, paths)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def welcome(window: MainWindow, qtbot: Any) -> WelcomeDialog:
    dialog = window.welcome_if_new()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_shown_on_an_empty_store_with_its_steps(welcome: WelcomeDialog) -> None:
    assert welcome.windowTitle() == "Welcome to Rooted Desktop"
    assert welcome.isModal()
    assert welcome.year.currentData() == 2026  # the year of today (Dec 4, 2026)
    assert [welcome.year.itemText(n)[:7] for n in range(welcome.year.count())] == [
        "2025-26",
        "2026-27",
        "2027-28",
    ]
    assert "No providers yet" in welcome.providers_label.text()
    for control in (welcome.name, welcome.email, welcome.year):
        assert control.accessibleName()


def test_not_shown_on_the_demo_or_a_store_in_use(
    demo_window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    assert demo_window.welcome_if_new() is None
    # An empty store opened as the demo is not greeted either.
    demo_paths = Paths.for_data_dir(tmp_path / "demo", is_demo=True)
    demo_paths.ensure()
    empty = Services.open(demo_paths.store_file, clock=lambda: TODAY)
    try:
        empty_demo = MainWindow(empty, demo_paths)
        qtbot.addWidget(empty_demo)
        empty_demo.show()
        assert empty.welcome.needed()
        assert empty_demo.welcome_if_new() is None
    finally:
        empty.close()


def test_a_provider_means_no_welcome(window: MainWindow, services: Any) -> None:
    services.providers.add(ProviderInput(name="Ana", setting="center", age_group="preschool"))
    assert window.welcome_if_new() is None


def test_skip_is_recorded_and_never_shown_again(
    welcome: WelcomeDialog, window: MainWindow, services: Any, qtbot: Any
) -> None:
    welcome.skip_button.click()
    assert not welcome.isVisible()
    assert services.welcome.outcome() is WelcomeOutcome.SKIPPED
    assert services.profile.get().name == ""
    assert window.welcome_if_new() is None


def test_escape_skips_too(welcome: WelcomeDialog, services: Any, qtbot: Any) -> None:
    qtbot.keyClick(welcome, Qt.Key.Key_Escape)
    assert services.welcome.outcome() is WelcomeOutcome.SKIPPED


def test_start_saves_the_profile_and_the_year(
    welcome: WelcomeDialog, window: MainWindow, services: Any, qtbot: Any
) -> None:
    welcome.name.setText("Zoë Coach")
    qtbot.keyClicks(welcome.email, "zoe@example.org")
    welcome.year.setCurrentIndex(welcome.year.findData(2025))
    welcome.start_button.click()
    assert not welcome.isVisible()
    profile = services.profile.get()
    assert (profile.name, profile.email) == ("Zoë Coach", "zoe@example.org")
    assert services.years.current() == ProgramYear(2025)
    assert window.year_label.text() == "Program year 2025-26"
    assert services.welcome.outcome() is WelcomeOutcome.DONE
    assert window.welcome_if_new() is None


def test_a_bad_email_keeps_the_welcome_open(
    welcome: WelcomeDialog, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    welcome.email.setText("not an address")
    welcome.start_button.click()
    assert shown and "not an address" in shown[0]
    assert welcome.isVisible()
    assert services.welcome.outcome() is None
    assert services.profile.get().email == ""


def test_add_a_provider_from_the_welcome(
    welcome: WelcomeDialog, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_and_save(dialog: ProviderDialog) -> int:
        dialog.name.setText("Ana Ruiz")
        return 1

    monkeypatch.setattr(ProviderDialog, "exec", fill_and_save)
    welcome.year.setCurrentIndex(welcome.year.findData(2027))
    welcome.add_button.click()
    assert [p.name for p in services.providers.all()] == ["Ana Ruiz"]
    assert welcome.providers_label.text() == "1 provider so far: Ana Ruiz."
    # The year chosen above was applied first, so the provider is enrolled in it.
    assert services.years.current() == ProgramYear(2027)
    assert welcome.isVisible()


def test_import_a_roster_from_the_welcome(
    welcome: WelcomeDialog, services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,site,setting,age_group\nAna Ruiz,Main St,center,preschool\n"
        "Bo Lee,Elm,fcch,infant-toddler\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(roster), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    welcome.import_button.click()
    assert welcome.providers_label.text() == "2 providers so far: Ana Ruiz, Bo Lee."


def test_open_the_demo_in_a_new_process(
    welcome: WelcomeDialog, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []

    def start(program: str, arguments: list[str]) -> tuple[bool, int]:
        started.append((program, list(arguments)))
        return True, 4242

    monkeypatch.setattr(QProcess, "startDetached", start)
    welcome.demo_button.click()
    assert started == [
        (sys.executable, ["-m", "rooted_desktop", "--data-dir", str(paths.data_dir), "--demo"])
    ]
    assert "opening in its own window" in welcome.demo_label.text()
    assert welcome.isVisible()  # the coach can come back to set up their own store
    # When it cannot start, the dialog says how to start it by hand.
    monkeypatch.setattr(QProcess, "startDetached", lambda *a: (False, 0))
    welcome.demo_button.click()
    assert "--demo" in welcome.demo_label.text()


def test_a_frozen_bundle_runs_itself(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/rooted/rooted-desktop")
    program, arguments = demo_command(paths)
    assert program == "/opt/rooted/rooted-desktop"
    assert arguments == ["--data-dir", str(paths.data_dir), "--demo"]


def test_the_app_greets_an_empty_store_once(tmp_path: Path, qapp: Any) -> None:
    seen: list[str] = []

    def run_once(patience: int) -> None:
        """Start the app; note and skip a welcome, then close the window."""

        def look(tries_left: int) -> None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, WelcomeDialog) and widget.isVisible():
                    seen.append(widget.windowTitle())
                    widget.reject()
            if seen or tries_left == 0:
                for widget in QApplication.topLevelWidgets():
                    if isinstance(widget, MainWindow) and widget.isVisible():
                        widget.close()
                return
            QTimer.singleShot(10, lambda: look(tries_left - 1))

        QTimer.singleShot(0, lambda: look(patience))
        assert run_app(argparse.Namespace(data_dir=tmp_path, demo=False)) == 0

    run_once(patience=200)
    assert seen == ["Welcome to Rooted Desktop"]
    # The second start finds the answer in the store and goes straight to the window.
    seen.clear()
    run_once(patience=20)
    assert seen == []
