"""The backups dialog, the background backups, restore from the GUI and repair at start."""

from __future__ import annotations

import argparse
import os
import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from sqlalchemy import text

import rooted_desktop.app as app_module
from rooted_desktop.app import run_app
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.paths import Paths
from rooted_desktop.services.backups import PERIODIC_MINUTES, BackupService
from rooted_desktop.services.container import Services
from rooted_desktop.ui import backup_runner
from rooted_desktop.ui.backup_runner import BackupRunner
from rooted_desktop.ui.dialogs import backups_dialog
from rooted_desktop.ui.dialogs.backups_dialog import BackupColumn, BackupsDialog
from rooted_desktop.ui.main_window import MainWindow

from ..conftest import TODAY


def add(services: Services, *names: str) -> None:
    for name in names:
        services.providers.add(ProviderInput(name=name, setting="fcch", age_group="preschool"))


def corrupt(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 3)
        handle.write(random.Random(6).randbytes(size // 3))


@pytest.fixture
def window(qtbot: Any, services: Services, paths: Paths) -> Iterator[MainWindow]:
    win = MainWindow(services, paths)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.settled):  # its start-up writes are done before backups count
        win.show()
    yield win
    win.backup_runner.wait()


def open_dialog(qtbot: Any, window: MainWindow) -> BackupsDialog:
    return window.open_backups()  # closed and deleted with the window


def cell(dialog: BackupsDialog, row: int, column: BackupColumn) -> str:
    return str(dialog.model.index(row, column).data())


def test_the_list_shows_date_reason_and_size_newest_first(
    qtbot: Any, window: MainWindow, services: Services
) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.model.rowCount() == 0
    assert dialog.empty_label.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()

    add(services, "Ana")
    first = services.backups.make("before-import").backup
    add(services, "Bo")
    second = services.backups.make("manual").backup
    dialog.refresh()

    assert dialog.model.rowCount() == 2
    assert cell(dialog, 0, BackupColumn.TAKEN) == second.when
    assert cell(dialog, 0, BackupColumn.REASON) == "by hand"
    assert cell(dialog, 1, BackupColumn.REASON) == "before an import"
    assert cell(dialog, 1, BackupColumn.SIZE).endswith("KB")
    assert dialog.selected() == second  # the newest is selected, ready to restore
    assert dialog.restore_button.isEnabled()
    assert not dialog.empty_label.isVisibleTo(dialog)
    assert first.path.name in dialog.model.index(1, 0).data(0x03)  # tooltip: the file


def test_back_up_now_runs_off_the_gui_thread_and_refreshes_the_list(
    qtbot: Any, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real_run = services.backups._run

    def spy(job: Any) -> Any:
        threads.append(threading.current_thread())
        return real_run(job)

    monkeypatch.setattr(services.backups, "_run", spy)
    dialog = open_dialog(qtbot, window)
    with qtbot.waitSignal(window.backup_runner.made, timeout=20_000):
        dialog.backup_button.click()
        assert not dialog.backup_button.isEnabled()
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.model.rowCount() == 1
    assert cell(dialog, 0, BackupColumn.REASON) == "by hand"
    assert dialog.backup_button.isEnabled()
    assert "Backed up at" in window.statusBar().currentMessage()


def test_a_second_folder_is_chosen_shown_and_cleared(
    qtbot: Any,
    window: MainWindow,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, window)
    assert "Not set" in dialog.second_label.text()
    assert not dialog.clear_button.isEnabled()
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    dialog.choose_button.click()
    assert services.backups.second_destination() == stick.resolve()
    assert str(stick.resolve()) in dialog.second_label.text()
    assert dialog.clear_button.isEnabled()

    with qtbot.waitSignal(window.backup_runner.made, timeout=20_000) as made:
        dialog.backup_button.click()
    assert made.args[0].second_copy.parent == stick.resolve()

    stick.rename(tmp_path / "pulled-out")
    dialog.refresh()
    assert "not there now" in dialog.second_label.text()
    with qtbot.waitSignal(window.backup_runner.made, timeout=20_000) as made:
        dialog.backup_button.click()
    assert "not there" in made.args[0].second_copy_problem
    assert "no second copy" in window.statusBar().currentMessage()

    dialog.clear_button.click()
    assert services.backups.second_destination() is None
    assert "Not set" in dialog.second_label.text()


def test_restore_asks_first_and_records_the_choice(
    qtbot: Any, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(services, "Ana")
    backup = services.backups.make("manual").backup
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Cancel

    def question(_parent: Any, _title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    restored: list[Path | None] = []
    monkeypatch.setattr(window, "_restore_if_chosen", restored.append)
    dialog = open_dialog(qtbot, window)

    dialog.restore_button.click()
    assert backup.when in asked[0] and "backed up first" in asked[0]
    assert dialog.chosen is None and dialog.isVisible()

    answer = QMessageBox.StandardButton.Yes
    dialog.restore_button.click()
    assert dialog.chosen == backup.path
    assert dialog.result() == QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: restored == [backup.path])


def test_a_damaged_backup_is_refused_before_asking(
    qtbot: Any, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(services, *(f"Provider {n}" for n in range(30)))
    backup = services.backups.make("manual").backup
    corrupt(backup.path)
    shown: list[str] = []
    monkeypatch.setattr(
        backups_dialog, "show_user_error", lambda _p, error, **_k: shown.append(error.message)
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked anyway"))
    dialog = open_dialog(qtbot, window)
    dialog.restore_button.click()
    assert "cannot be restored" in shown[0]
    assert dialog.chosen is None


def test_the_runner_backs_up_every_30_minutes_only_after_a_change(
    qtbot: Any, window: MainWindow, services: Services
) -> None:
    runner = window.backup_runner
    assert runner.timer.interval() == PERIODIC_MINUTES * 60 * 1000 == 1_800_000
    assert not runner.timer.isActive()  # the window alone starts nothing; app.py does
    with qtbot.waitSignal(runner.made, timeout=20_000):
        assert runner.start("start")
    assert not runner.start_if_changed()  # nothing changed since
    add(services, "Ana")
    with qtbot.waitSignal(runner.made, timeout=20_000) as made:
        runner.timer.timeout.emit()
    assert made.args[0].backup.reason == "periodic"
    # Rotated: of one day's scheduled backups, the newest stays.
    assert [b.reason for b in services.backups.all()] == ["periodic"]


def test_a_failed_background_backup_is_reported_not_fatal(
    qtbot: Any, services: Services, paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = MainWindow(services, paths)
    qtbot.addWidget(win)
    broken = BackupService(services.store, services.bus, backup_dir=tmp_path / "file")
    (tmp_path / "file").write_text("a file where the backups folder should be")
    shown: list[str] = []
    monkeypatch.setattr(
        backup_runner, "show_user_error", lambda _p, e, **_k: shown.append(e.message)
    )
    runner = BackupRunner(win, broken, status=lambda text, _ms: shown.append(text))
    with qtbot.waitSignal(runner.failed, timeout=20_000):
        runner.start("start")
    assert shown and shown[0].startswith("Backup not made")  # the status bar only
    with qtbot.waitSignal(runner.failed, timeout=20_000):
        runner.start("manual")
    assert len(shown) == 3  # asked for by hand: a message box too
    runner.wait()


# -- the whole app ------------------------------------------------------------------------------
def run_with(
    args: argparse.Namespace, *steps: Callable[[MainWindow], None], timeout_ms: int = 30_000
) -> int:
    """run_app, doing each step on the next main window that shows, in turn."""
    seen: list[MainWindow] = []
    pending = list(steps)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget not in seen:
                seen.append(widget)
                step = pending.pop(0)
                QTimer.singleShot(0, lambda w=widget, s=step: s(w))
                break

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    QTimer.singleShot(timeout_ms, QApplication.closeAllWindows)
    try:
        return run_app(args)
    finally:
        timer.stop()


def test_restore_from_the_gui_backs_up_then_reopens_on_the_backup(
    qapp: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(paths.store_file, clock=lambda: TODAY)
    add(services, "Kept in the backup")
    backup = services.backups.make("manual").backup.path
    add(services, "Added after the backup")
    services.close()
    told: list[str] = []
    monkeypatch.setattr(app_module, "_tell", lambda _w, _icon, text: told.append(text))
    counts: list[int] = []

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)

    def choose_backup(window: MainWindow) -> None:
        counts.append(len(window._services.providers.all()))
        window.menus.restore_action.trigger()
        dialog = window.findChild(BackupsDialog)
        assert dialog.selected().path == backup  # the newest, selected for the coach
        dialog.restore_button.click()

    def look_and_close(window: MainWindow) -> None:
        counts.append(len(window._services.providers.all()))
        window.close()

    args = argparse.Namespace(data_dir=paths.data_dir, demo=False)
    assert run_with(args, choose_backup, look_and_close) == 0

    assert counts == [2, 1]
    assert told and told[0].startswith(f"Restored {backup}")
    services = Services.open(paths.store_file)
    try:
        reasons = {b.reason for b in services.backups.all()}
        assert "before-restore" in reasons
        assert [p.name for p in services.providers.all()] == ["Kept in the backup"]
    finally:
        services.close()


def test_a_damaged_store_at_start_is_repaired_and_the_coach_told_the_date(
    qapp: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(paths.store_file, clock=lambda: TODAY)
    add(services, *(f"Provider {n:02}" for n in range(40)))
    backup = services.backups.make("manual").backup
    services.close()
    corrupt(paths.store_file)
    told: list[str] = []
    monkeypatch.setattr(app_module, "_tell", lambda _w, _icon, text: told.append(text))
    counts: list[int] = []

    def look_and_close(window: MainWindow) -> None:
        counts.append(len(window._services.providers.all()))
        window.close()

    args = argparse.Namespace(data_dir=paths.data_dir, demo=False)
    assert run_with(args, look_and_close) == 0
    assert counts == [40]
    assert len(told) == 1 and backup.when in told[0] and "damaged" in told[0]
    assert (paths.data_dir / "rooted.sqlite3.damaged").exists()


def test_a_damaged_store_without_a_backup_stops_with_a_clear_message(
    qapp: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(paths.store_file, clock=lambda: TODAY)
    add(services, *(f"Provider {n:02}" for n in range(40)))
    services.close()
    corrupt(paths.store_file)
    before = paths.store_file.read_bytes()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    assert run_app(argparse.Namespace(data_dir=paths.data_dir, demo=False)) == 1
    assert "no good backup" in said[0] and "left as it is" in said[0]
    assert paths.store_file.read_bytes() == before


def test_the_start_backup_is_made_after_the_window_shows(
    qapp: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_runner, "START_DELAY_MS", 0)
    services = Services.open(paths.store_file, clock=lambda: TODAY)
    add(services, "Ana")
    services.close()
    visible_at_start: list[bool] = []
    real_job = BackupService.job

    def job(self: BackupService, reason: str = "manual", **kwargs: Any) -> Any:
        if reason == "start":
            visible_at_start.extend(
                w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
            )
        return real_job(self, reason, **kwargs)

    monkeypatch.setattr(BackupService, "job", job)

    def wait_for_backup(window: MainWindow) -> None:
        if any(paths.backup_dir.iterdir()):  # already made (its signal is still queued)
            window.close()
        else:
            window.backup_runner.made.connect(lambda _result: window.close())

    assert run_with(argparse.Namespace(data_dir=paths.data_dir, demo=False), wait_for_backup) == 0
    assert visible_at_start == [True]
    names = [p.name for p in paths.backup_dir.iterdir()]
    assert len(names) == 1 and names[0].endswith("-start.sqlite3")


def test_damage_after_a_clean_close_is_caught_by_the_start_backup_then_repaired(
    qapp: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clean close lets the next start skip quick_check; a file damaged while the app was
    closed then fails the start-up backup's check, the coach is told, and no clean-close
    note is left, so the start after that checks the file and puts a backup back."""
    monkeypatch.setattr(backup_runner, "START_DELAY_MS", 0)
    services = Services.open(paths.store_file, clock=lambda: TODAY)
    add(services, "Ana", "Bo")
    services.backups.make("before-import")
    # A long value nothing reads at start: its overflow pages fill the end of the file.
    with services.store.transaction() as session:
        session.execute(
            text("INSERT INTO setting VALUES ('test.filler', :v)"), {"v": "x" * 400_000}
        )
    services.close()
    args = argparse.Namespace(data_dir=paths.data_dir, demo=False)
    note = paths.data_dir / "rooted.sqlite3.closed"

    def close_after_backup(window: MainWindow) -> None:
        if window.backup_runner.busy() or len(list(paths.backup_dir.iterdir())) < 2:
            window.backup_runner.made.connect(lambda _result: window.close())
            window.backup_runner.failed.connect(lambda _why: window.close())
        else:
            window.close()

    assert run_with(args, close_after_backup) == 0
    assert note.exists()  # a clean close

    before = paths.store_file.stat()
    with paths.store_file.open("r+b") as handle:  # in place: same file, same size...
        handle.seek(before.st_size - 80 * 4096)
        handle.write(random.Random(6).randbytes(40 * 4096))
    os.utime(paths.store_file, ns=(before.st_atime_ns, before.st_mtime_ns))  # ...same time
    told: list[str] = []
    monkeypatch.setattr(
        backup_runner, "show_user_error", lambda _p, e, **_k: told.append(e.message)
    )
    assert run_with(args, close_after_backup) == 0
    assert len(told) == 1 and "may be damaged" in told[0]
    assert not note.exists()

    repaired: list[str] = []
    monkeypatch.setattr(app_module, "_tell", lambda _w, _icon, text: repaired.append(text))
    assert run_with(args, close_after_backup) == 0
    assert (paths.data_dir / "rooted.sqlite3.damaged").exists()
    assert len(repaired) == 1 and "was put back" in repaired[0]
