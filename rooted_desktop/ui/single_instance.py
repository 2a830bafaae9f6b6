"""One app per store: a second start brings the first window forward instead of opening.

A QLockFile in the data folder says who owns the store; Qt removes it when the process
that wrote it is gone, so a crash never blocks the next start. The owner listens on a
QLocalServer named after the folder; a second start connects, asks it to come forward and
exits. (The store's own exclusive lock is the last line: a second writer of any kind —
a CLI command included — fails at once with a message.)
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:  # QtNetwork loads after the first paint: the lock alone guards the start
    from PySide6.QtNetwork import QLocalServer

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "rooted-desktop.lock"
RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    """A socket name per data folder (the demo store and the real one may both be open)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"rooted-desktop-{digest}"


class SingleInstance(QObject):
    """``acquire()`` once at start: True, this process owns the folder; False, another does
    and has been asked to come forward. ``listen()`` once the window shows; ``activated``
    then fires when a later start asks us. (A start in between finds the lock taken and no
    one to ask, and leaves quietly: the window it wanted is about to appear.)"""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_FILE_NAME))
        # 0: never judge a lock stale by age; only a dead owner (checked by PID) makes it so.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        if not self._lock.tryLock(100):
            error = self._lock.error()
            if error == QLockFile.LockError.LockFailedError:
                self._ask_owner_to_raise()
                return False
            # Permission or unknown error: better to run than to refuse; the store's own
            # exclusive lock still keeps a second writer out.
            log.warning("could not take the instance lock (%s); starting anyway", error)
        return True

    def listen(self) -> None:
        """Answer later starts (once this process owns the lock; again is a no-op)."""
        if self._server is not None or not self._lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        # The owner before us may have crashed and left its socket behind (Unix).
        QLocalServer.removeServer(self._name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            log.warning("second-start listener unavailable: %s", server.errorString())
            return
        server.newConnection.connect(self._on_connection)
        self._server = server
        log.info("listening for later starts")

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _ask_owner_to_raise(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(RAISE_MESSAGE)
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()
        else:
            log.info("the running instance did not answer: %s", socket.errorString())

    def _on_connection(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            # A bound method, not a lambda holding the socket: Qt owns the socket's life.
            connection.readyRead.connect(self._read)
            connection.disconnected.connect(connection.deleteLater)

    def _read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        connection = self.sender()
        if isinstance(connection, QLocalSocket) and bytes(connection.readAll().data()).startswith(
            RAISE_MESSAGE.strip()
        ):
            log.info("a second start asked this window to come forward")
            self.activated.emit()
