"""A save the disk refuses keeps the typed text, tells the coach why, and changes nothing.

The store's failures are SQLite's own, on the app's one connection: ``max_page_count`` at
the file's current size makes the next page a write needs fail with "database or disk is
full" (ENOSPC), and ``query_only`` makes any write fail with "attempt to write a readonly
database" (a read-only file or folder, EACCES). The real forms, services and store run.
Exports that cannot be written leave the old file, or none, and never a part of one.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy.exc import OperationalError

from rooted_desktop.core import files as files_module
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.paths import Paths
from rooted_desktop.services.container import Services
from rooted_desktop.store.archive import count_rows
from rooted_desktop.store.store import Store
from rooted_desktop.ui import file_actions as file_actions_module
from rooted_desktop.ui.dialogs.provider_dialog import ProviderDialog
from rooted_desktop.ui.dialogs.session_window import SessionWindow
from rooted_desktop.ui.main_window import MainWindow

UNICODE = "Nguyễn Thị Ánh — «first-then» ✓ "
# Bigger than a database page, so saving it needs pages the full disk does not have.
LONG = UNICODE * 200
# A provider row bigger than a page: each text at the longest a provider field may be.
BIG = {"site": LONG[:2000], "notes": LONG[:2000], "phone": LONG[:2000]}


@contextmanager
def disk_full(store: Store) -> Iterator[None]:
    """The file may not grow by one page: SQLite's own SQLITE_FULL, as on a full disk."""
    with store.engine.connect() as conn:  # the one connection (StaticPool)
        assert conn.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count={pages}")
    try:
        yield
    finally:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA max_page_count=1073741823")


@contextmanager
def read_only(store: Store) -> Iterator[None]:
    """Every write refused by SQLite as on a read-only file: SQLITE_READONLY."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA query_only=ON")
    try:
        yield
    finally:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA query_only=OFF")


Failure = Callable[[Store], AbstractContextManager[None]]
FAILURES: dict[str, tuple[Failure, str]] = {
    "disk-full": (disk_full, "the disk is full"),
    "read-only": (read_only, "read-only"),
}


def rows(services: Services) -> dict[str, int]:
    """Rows per table, every table: a refused save leaves no trace, not even the program
    year its provider would have been enrolled in (made in the same transaction)."""
    with services.store.reading() as session:
        return count_rows(session)


@pytest.fixture(params=sorted(FAILURES))
def failure(request: pytest.FixtureRequest) -> tuple[Failure, str]:
    return FAILURES[request.param]


# -- the store says what the disk did --------------------------------------------------------


def test_a_refused_write_is_a_user_error_naming_the_store(
    services: Services, failure: tuple[Failure, str]
) -> None:
    make_it_fail, words = failure
    before = rows(services)
    with make_it_fail(services.store), pytest.raises(UserError) as caught:
        services.providers.add(
            ProviderInput(name="Zoë", setting="center", age_group="preschool", **BIG)
        )
    assert words in caught.value.message and str(services.store.path) in caught.value.message
    assert rows(services) == before
    # Once the disk takes writes again, the same connection saves as before.
    services.providers.add(ProviderInput(name="Zoë", setting="center", age_group="preschool"))
    assert rows(services)["provider"] == before["provider"] + 1


def test_a_failing_disk_at_commit_is_explained(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLITE_IOERR at COMMIT (a USB stick pulled out), on the real commit path."""
    dialect = services.store.engine.dialect

    def failing_commit(connection: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(dialect, "do_commit", failing_commit)
    with pytest.raises(UserError, match="the disk reported an error"):
        services.providers.add(ProviderInput(name="Ana", setting="fcch", age_group="preschool"))
    monkeypatch.undo()
    assert services.providers.all() == []


def test_a_database_error_that_is_a_bug_stays_a_bug(services: Services) -> None:
    """Only the disk's refusals become messages; a wrong query keeps its traceback."""
    with pytest.raises(OperationalError, match="no such table"), services.store.transaction() as s:
        s.connection().exec_driver_sql("SELECT * FROM no_such_table")


# -- the session window -----------------------------------------------------------------------


@pytest.fixture
def session_window(
    qtbot: Any, services: Services, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SessionWindow]:
    provider = services.providers.add(
        ProviderInput(name="Nguyễn Thị Ánh", setting="center", age_group="preschool")
    )
    window = SessionWindow(services, provider_id=provider.id)
    window.show()
    qtbot.waitExposed(window)
    yield window
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    if shiboken6.isValid(window):
        window.close()


def test_a_session_the_disk_refuses_keeps_its_text_and_says_why(
    session_window: SessionWindow, services: Services, qtbot: Any, failure: tuple[Failure, str]
) -> None:
    make_it_fail, words = failure
    form = session_window.form
    first = next(iter(form.section_boxes.values()))
    first.setFocus()
    qtbot.keyClicks(first, "She tried the first-then card twice.")
    form.field_boxes["joint_plan"].setPlainText(LONG)
    form.coach_notes.setPlainText(UNICODE)
    typed = form.payload()
    before = rows(services)

    with make_it_fail(services.store):
        assert session_window.save() is False
        shown = session_window.problems.text()

    assert not session_window.problems.isHidden()
    assert shown.startswith("Not saved: ") and words in shown
    assert str(services.store.path) in shown and "Traceback" not in shown
    assert "Draft not kept" in session_window.status_label.text()
    assert form.payload() == typed
    assert rows(services) == before
    assert session_window.session_id is None
    assert session_window.autosaver.dirty  # the draft is still owed: the next pause retries

    # Room again: the next autosave keeps the draft that could not be kept before.
    session_window.autosaver.flush()
    assert not session_window.autosaver.dirty
    assert services.drafts.get(session_window.draft_key) is not None

    # The disk has room again: the same window saves exactly what was typed.
    assert session_window.save() and session_window.session_id is not None
    record = services.sessions.get(session_window.session_id)
    assert (record.joint_plan, record.coach_notes) == (LONG, UNICODE)
    assert record.sections[0].text == "She tried the first-then card twice."
    assert session_window.problems.isHidden()


# -- the provider dialog ---------------------------------------------------------------------


@pytest.fixture
def window(qtbot: Any, services: Services, paths: Paths) -> MainWindow:
    win = MainWindow(services, paths)
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_provider_the_disk_refuses_stays_in_the_dialog_with_the_reason(
    window: MainWindow,
    services: Services,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    failure: tuple[Failure, str],
) -> None:
    make_it_fail, words = failure
    shown_again: list[tuple[ProviderInput, str]] = []

    def type_then_look_again(dialog: ProviderDialog) -> int:
        if not shown_again and not dialog.name.text():
            qtbot.keyClicks(dialog.name, "Maya Chen")
            qtbot.keyClicks(dialog.email, "maya@example.org")
            dialog.site.setText(BIG["site"])
            dialog.phone.setText(BIG["phone"])
            dialog.notes.setPlainText(BIG["notes"])
            dialog.accept()
            shown_again.append((dialog.value(), ""))
            return dialog.result()
        # Shown again after the failed save: the same text, and why it was not saved.
        shown_again.append((dialog.value(), dialog.problems.text()))
        return 0  # the coach cancels

    before = rows(services)
    monkeypatch.setattr(ProviderDialog, "exec", type_then_look_again)
    with make_it_fail(services.store):
        window.providers_page.add_provider()
    (typed, _), (kept, problem) = shown_again
    assert kept == typed and (typed.site, typed.phone, typed.notes) == tuple(BIG.values())
    assert words in problem and str(services.store.path) in problem
    assert problem.startswith("Not saved: ")  # not "Please fix": nothing to fix in the form
    assert rows(services) == before


# -- exports that cannot be written -----------------------------------------------------------


class _Failing:
    """A module as rooted_desktop.core.files sees it, with some of its calls made to fail."""

    def __init__(self, module: Any, **failing: Callable[..., Any]) -> None:
        self._module = module
        self._failing = failing

    def __getattr__(self, name: str) -> Any:
        return self._failing.get(name) or getattr(self._module, name)


def _fail(code: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


WRITE_FAILURES: dict[str, tuple[str, str, _Failing]] = {
    # Which module's call fails, the words the coach reads, and the stand-in.
    "disk-full": ("os", "the disk is full", _Failing(os, fsync=_fail(errno.ENOSPC))),
    "folder-read-only": (
        "tempfile",
        "is not writable",
        _Failing(tempfile, mkstemp=_fail(errno.EACCES)),
    ),
    "file-locked": ("os", "permission denied", _Failing(os, replace=_fail(errno.EACCES))),
}
EXPORTS = {
    "csv": ("export_sessions", "sessions.csv"),
    "json": ("export_json", "everything.json"),
    "ics": ("export_calendar", "calendar.ics"),
}


@pytest.mark.parametrize("how", sorted(WRITE_FAILURES))
@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_an_export_that_cannot_be_written_leaves_the_old_file_and_no_part(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    how: str,
) -> None:
    action, name = EXPORTS[kind]
    module, words, stand_in = WRITE_FAILURES[how]
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / name
    target.write_bytes(b"last week's export")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown: list[UserError] = []
    monkeypatch.setattr(
        file_actions_module, "show_user_error", lambda parent, e, **k: shown.append(e)
    )
    monkeypatch.setattr(files_module, module, stand_in)

    getattr(window.file_actions, action)()

    (error,) = shown
    assert words in error.message and str(target) in error.message
    assert [p.name for p in folder.iterdir()] == [name]
    assert target.read_bytes() == b"last week's export"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_an_export_into_a_truly_read_only_folder_is_explained(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    action, name = EXPORTS[kind]
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(locked / name), ""))
    shown: list[UserError] = []
    monkeypatch.setattr(
        file_actions_module, "show_user_error", lambda parent, e, **k: shown.append(e)
    )
    getattr(window.file_actions, action)()
    assert "not writable" in shown[0].message
    assert list(locked.iterdir()) == []
