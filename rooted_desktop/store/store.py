"""Opening the store: create, upgrade or refuse, then hand out transactions."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, SQLModel

from rooted_desktop.core.backup_rotation import new_name
from rooted_desktop.core.errors import UserError
from rooted_desktop.store import models  # noqa: F401  (registers the tables)
from rooted_desktop.store.backup import backup_closed_store, backup_dir_for
from rooted_desktop.store.engine import create_store_engine
from rooted_desktop.store.schema import HEAD_REVISION, check_known, read_revision

log = logging.getLogger(__name__)


class Store:
    """The open store: one engine, one connection, transactions on demand."""

    def __init__(self, path: Path, *, app_version: str = "dev") -> None:
        self.path = path
        # Every session, and each step of a backup on another thread, holds this: the one
        # connection is never read by a backup while a transaction is half done on it.
        self._lock = threading.RLock()
        # The read session open on each thread, if any: a read inside a read shares it.
        self._reads = threading.local()
        self._dbapi: sqlite3.Connection | None = None
        revision = read_revision(path)
        if revision is not None:
            check_known(path, revision, app_version)
            if revision != HEAD_REVISION:
                _upgrade(path, revision)
        try:
            self.engine = create_store_engine(path)
            event.listen(self.engine, "connect", self._keep_connection)
            with self.engine.connect() as conn:
                if revision is None:
                    _create_schema(conn)
        except OperationalError as exc:
            raise UserError(f"Cannot open the store {path}: {exc.orig}") from exc
        log.info("store open: %s (SQLite %s)", path, sqlite3.sqlite_version)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole at the end, rolled back whole on any error.

        A disk that refuses the write (full, read-only, failing) is a UserError naming the
        store, so the form that was saving keeps its text and the coach is told why.
        """
        with (
            self._refusals_explained("Could not write to the store"),
            self._lock,
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A look without writing: closing the session rolls its transaction back.

        (Closing, not rollback(), so rows already read stay readable afterwards.) A read
        made inside another on the same thread joins it: one snapshot, and no second BEGIN
        (a dashboard asks several services at once).
        """
        shared = getattr(self._reads, "session", None)
        if shared is not None:
            yield shared
            return
        with (
            self._refusals_explained("Cannot read the store"),
            self._lock,
            Session(self.engine, expire_on_commit=False) as session,
        ):
            self._reads.session = session
            try:
                yield session
            finally:
                self._reads.session = None

    @contextmanager
    def _refusals_explained(self, failed: str) -> Iterator[None]:
        """The disk's refusals (full, read-only, failing) become a UserError naming the store;
        any other database error is a bug and keeps its traceback."""
        try:
            yield
        except DBAPIError as exc:
            reason = _storage_failure(exc)
            if reason is None:
                raise
            log.warning("%s: %s", failed, exc.orig)  # SQLite's short reason, never the row
            raise UserError(f"{failed} {self.path}: {reason}.") from None

    def _keep_connection(self, dbapi_connection: sqlite3.Connection, _record: object) -> None:
        self._dbapi = dbapi_connection

    @contextmanager
    def raw_connection(self) -> Iterator[sqlite3.Connection]:
        """The one sqlite3 connection, for the backup API, while no session is using it.

        (Not engine.raw_connection(): handing that back to the StaticPool rolls back the
        one shared connection.)
        """
        with self._lock:
            if self._dbapi is None:
                raise UserError(f"The store {self.path} is closed.")
            if self._dbapi.in_transaction:
                raise RuntimeError("raw_connection() inside a transaction of the same thread")
            yield self._dbapi

    def let_others_in(self) -> None:
        """Between two backup steps inside raw_connection(): waiting sessions run now.

        SQLite carries what they commit through this connection into the copy under way.
        """
        self._lock.release()
        try:
            time.sleep(0.001)  # Python locks are not fair: give a waiting thread its turn
        finally:
            self._lock.acquire()
        if self._dbapi is None:
            raise UserError(f"The store {self.path} was closed during a backup.")

    def total_changes(self) -> int:
        """Rows changed through this connection since it opened (to skip idle backups)."""
        with self._lock:
            return 0 if self._dbapi is None else self._dbapi.total_changes

    def close(self) -> None:
        with self._lock:
            self.engine.dispose()
            self._dbapi = None


# What SQLite says when the disk refuses, and the same in a coach's words. Anything else
# from the database is a bug and keeps its traceback.
_STORAGE_FAILURES = (
    ("database or disk is full", "the disk is full. Free some space, then try again"),
    (
        "attempt to write a readonly database",
        "the store file or its folder is read-only. Check that you may write there",
    ),
    (
        "disk i/o error",
        "the disk reported an error. If the store is on a removable drive, check that it "
        "is plugged in",
    ),
    (
        "database disk image is malformed",
        "the store file is damaged. Close Rooted Desktop and start it again to check it",
    ),
)


def _storage_failure(exc: DBAPIError) -> str | None:
    said = str(exc.orig).lower()
    return next((reason for words, reason in _STORAGE_FAILURES if words in said), None)


def _create_schema(conn: object) -> None:
    from sqlalchemy import Connection

    assert isinstance(conn, Connection)
    with conn.begin():
        SQLModel.metadata.create_all(conn)
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        conn.execute(text("INSERT INTO alembic_version VALUES (:rev)"), {"rev": HEAD_REVISION})


def _upgrade(path: Path, revision: str) -> None:
    """Back up, then run the Alembic migrations from ``revision`` to the head."""
    from rooted_desktop.store.migrate import upgrade_to_head

    backup_dir = backup_dir_for(path)
    backup_dir.mkdir(exist_ok=True)
    taken = {entry.name for entry in backup_dir.iterdir()}
    backup = backup_dir / new_name(datetime.now(), "before-migration", taken).file_name
    backup_closed_store(path, backup)
    log.info("store at revision %s backed up to %s before upgrading", revision, backup)
    upgrade_to_head(path)
