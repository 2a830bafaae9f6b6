"""Slow work (rendering PDFs) on one background helper, with progress and cancel.

The job already holds its read models, so the worker never touches the database or a
widget; its result comes back through a signal, on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressDialog, QWidget

from rooted_desktop.core.errors import UserError
from rooted_desktop.services.documents import DocumentJob
from rooted_desktop.ui.errors import show_user_error

log = logging.getLogger(__name__)


class _Signals(QObject):
    finished = Signal(object, bool)  # runner, written (False: cancelled)
    failed = Signal(object, object)  # runner, the exception


class _Runner(QRunnable):
    def __init__(self, job: DocumentJob, cancelled: threading.Event) -> None:
        super().__init__()
        self.job = job
        self.cancelled = cancelled
        self.signals = _Signals()

    def run(self) -> None:
        try:
            written = self.job.run(self.cancelled.is_set)
        except Exception as error:  # reported on the GUI thread, never lost in the pool
            self.signals.failed.emit(self, error)
            return
        self.signals.finished.emit(self, written)


class DocumentRunner(QObject):
    """Render a job in the background; say what happened; open the file to print."""

    done = Signal(str)  # the written file's path

    def __init__(
        self,
        parent: QWidget,
        *,
        open_file: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._open = open_file or (lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(path)))
        self._active: dict[_Runner, QProgressDialog] = {}

    def start(self, job: DocumentJob, label: str) -> None:
        cancelled = threading.Event()
        progress = QProgressDialog(label, "Cancel", 0, 0, self._parent)
        progress.setWindowTitle("Preparing the document")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.canceled.connect(cancelled.set)
        runner = _Runner(job, cancelled)
        runner.setAutoDelete(False)
        self._active[runner] = progress
        # Bound methods of this QObject: Qt queues the results to the GUI thread.
        runner.signals.finished.connect(self._finished)
        runner.signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(runner)

    def _finished(self, runner: _Runner, written: bool) -> None:
        self._active.pop(runner).reset()
        if written:
            log.info("document written: %s", runner.job.path)
            self._open(str(runner.job.path))
            self.done.emit(str(runner.job.path))

    def _failed(self, runner: _Runner, error: object) -> None:
        self._active.pop(runner).reset()
        if not isinstance(error, UserError):
            log.error("rendering %s failed: %r", runner.job.path, error)
            error = UserError(f"The document could not be made ({type(error).__name__}: {error}).")
        assert isinstance(error, UserError)
        show_user_error(self._parent, error, title="Document not written")

    def busy(self) -> bool:
        return bool(self._active)
