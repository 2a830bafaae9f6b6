"""Automatic backups off the GUI thread: once after start-up, then every 30 minutes of change.

The job is prepared on the GUI thread (it reads the second-folder setting there) and run
on a one-thread pool of its own; the store's lock lets the coach keep working between the
copy's steps. Results come back through signals, on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QWidget

from rooted_desktop.core.errors import UserError
from rooted_desktop.services.backups import (
    PERIODIC_MINUTES,
    BackupCheckFailed,
    BackupJob,
    BackupResult,
    BackupService,
)
from rooted_desktop.ui.errors import show_user_error

log = logging.getLogger(__name__)

# After the window has shown: the first paint and the pages' first queries go first.
START_DELAY_MS = 1500


class _Signals(QObject):
    finished = Signal(object, object)  # task, BackupResult
    failed = Signal(object, object)  # task, the exception


class _Task(QRunnable):
    def __init__(self, job: BackupJob) -> None:
        super().__init__()
        self.job = job
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.job.run()
        except Exception as error:  # reported on the GUI thread, never lost in the pool
            self.signals.failed.emit(self, error)
            return
        self.signals.finished.emit(self, result)


class BackupRunner(QObject):
    made = Signal(object)  # BackupResult
    failed = Signal(str)  # why, in words

    def __init__(
        self,
        parent: QWidget,
        backups: BackupService,
        *,
        status: Callable[[str, int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._backups = backups
        self._status = status or (lambda _text, _ms: None)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running: set[_Task] = set()
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.timeout.connect(lambda: self.start("start"))
        self.timer = QTimer(self)
        self.timer.setInterval(PERIODIC_MINUTES * 60 * 1000)
        self.timer.timeout.connect(self.start_if_changed)

    def start_schedule(self) -> None:
        """The start-up backup shortly after the window shows, then the 30-minute timer."""
        self.first.start(START_DELAY_MS)
        self.timer.start()

    def start(self, reason: str = "manual") -> bool:
        """Begin a backup in the background; False when one is already running."""
        if self._running:
            return False
        try:
            job = self._backups.job(reason)
        except UserError as error:
            self._report(reason, error)
            return False
        self._launch(job)
        return True

    def start_if_changed(self) -> bool:
        if self._running:
            return False
        job = self._backups.job_if_changed("periodic")
        if job is None:
            return False
        self._launch(job)
        return True

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self) -> None:
        """Stop the timers and let a backup under way finish (before the store closes)."""
        self.first.stop()
        self.timer.stop()
        self._pool.waitForDone()

    def _launch(self, job: BackupJob) -> None:
        task = _Task(job)
        task.setAutoDelete(False)
        self._running.add(task)
        task.signals.finished.connect(self._finished)
        task.signals.failed.connect(self._failed)
        self._pool.start(task)

    def _finished(self, task: _Task, result: object) -> None:
        self._running.discard(task)
        assert isinstance(result, BackupResult)
        text = f"Backed up at {result.backup.taken_at:%H:%M}"
        if result.second_copy_problem is not None:
            text += f"; no second copy: {result.second_copy_problem}"
            self._status(text, 0)
        else:
            self._status(text, 8000)
        self.made.emit(result)

    def _failed(self, task: _Task, error: object) -> None:
        self._running.discard(task)
        if not isinstance(error, UserError):
            log.error("backup (%s) failed: %r", task.job.reason, error)
            error = UserError(f"The backup could not be made ({type(error).__name__}: {error}).")
        assert isinstance(error, UserError)
        self._report(task.job.reason, error)

    def _report(self, reason: str, error: UserError) -> None:
        log.warning("backup (%s) not made: %s", reason, error.message)
        self._status(f"Backup not made: {error.message}", 0)
        # Asked for by hand, or a sign the store is damaged: a box, not only the status bar.
        if reason == "manual" or isinstance(error, BackupCheckFailed):
            show_user_error(self._parent, error, title="Backup not made")
        self.failed.emit(error.message)
